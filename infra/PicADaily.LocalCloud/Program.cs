using PicADaily.LocalCloud.Hosting;

var app = LocalCloudApp.Build(args);
await app.RunAsync();
