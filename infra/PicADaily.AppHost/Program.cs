using PicADaily.AppHost;

// The embedded default: LocalCloud stands in for Google Cloud on one port; every service talks to
// it through the standard *_EMULATOR_HOST variables, and LocalCloud pushes events to them.
var builder = DistributedApplication.CreateBuilder(args);
var settings = EmbeddedSettings.From(builder.Configuration);

var localCloud = builder.AddProject<Projects.PicADaily_LocalCloud>("localcloud")
    .WithEnvironment("PICADAILY_DATA", settings.DataPath)
    .WithEnvironment("LocalCloud__TopologyPath", settings.TopologyPath)
    .WithEnvironment("LocalCloud__ProjectId", EmbeddedSettings.ProjectId)
    .WithSettings(settings.LocalCloudOverrides);

builder.AddPicADailyService<Projects.PicADaily_ImageAnalysis>("image-analysis", localCloud, settings);
builder.AddPicADailyService<Projects.PicADaily_Thumbnail>("thumbnail", localCloud, settings);
builder.AddPicADailyService<Projects.PicADaily_Collage>("collage", localCloud, settings);
builder.AddPicADailyService<Projects.PicADaily_GarbageCollection>("garbage-collection", localCloud, settings);
builder.AddPicADailyService<Projects.PicADaily_Frontend>("frontend", localCloud, settings);

Console.WriteLine("Pic-a-Daily: the web app is at http://localhost:8080");
Console.WriteLine($"             or drop pictures into {Path.Combine(settings.DataPath, "buckets", "pictures")}");
Console.WriteLine($"             thumbnails and collage.png appear in {Path.Combine(settings.DataPath, "buckets", "thumbnails")}");
await builder.Build().RunAsync();
