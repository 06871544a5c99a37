using PicADaily.AppHost;

// The embedded default: LocalCloud stands in for Google Cloud on one port; every service talks to
// it through the standard *_EMULATOR_HOST variables, and LocalCloud pushes events to them.
// With --emulators: Google's official Pub/Sub and Firestore emulators, LocalCloud for the rest.
var emulators = args.Contains(EmulatorsMode.Flag);
var builder = DistributedApplication.CreateBuilder(args.Where(a => a != EmulatorsMode.Flag).ToArray());
EmbeddedSettings settings;
try
{
    settings = EmbeddedSettings.From(builder.Configuration);
}
catch (AppHostOptionsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (emulators)
{
    GoogleCloudSdk sdk;
    try
    {
        sdk = GoogleCloudSdk.Locate(builder.Configuration);
    }
    catch (EmulatorsMissingException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }

    builder.AddEmulatorsMode(settings, sdk);
    Console.WriteLine($"Pic-a-Daily on Google's emulators (Cloud SDK at {sdk.Root}); Storage, Vision and the schedule from LocalCloud");
}
else
{
    builder.AddEmbeddedMode(settings);
}

Console.WriteLine("Pic-a-Daily: the web app is at http://localhost:8080");
Console.WriteLine($"             or drop pictures into {Path.Combine(settings.DataPath, "buckets", "pictures")}");
Console.WriteLine($"             thumbnails and collage.png appear in {Path.Combine(settings.DataPath, "buckets", "thumbnails")}");
var app = builder.Build();
if (!settings.StopOnResourceFailure)
{
    // The fault tests kill services on purpose and start them again; the dashboard still shows every exit.
    await app.RunAsync();
    return 0;
}

return await ResourceFailureWatch.RunAsync(app);
