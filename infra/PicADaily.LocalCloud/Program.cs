var app = LocalCloudApp.Build(args);
await app.RunAsync();
