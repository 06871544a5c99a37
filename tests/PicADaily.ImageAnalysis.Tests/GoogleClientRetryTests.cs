using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.Testing;

namespace PicADaily.ImageAnalysis.Tests;

/// <summary>
/// The service's own container, as Program.cs builds it: no handler around the Google clients may
/// repeat a call that is not safe to repeat (a document create repeated after a 503 that was in
/// fact applied would fail on its own write with AlreadyExists).
/// </summary>
public sealed class GoogleClientRetryTests
{
    [Fact]
    public async Task A_document_create_answered_503_is_sent_exactly_once()
    {
        await using var google = await PushReceiver.StartAsync();
        google.Respond = _ => 503;
        await using var service = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("GOOGLE_CLOUD_PROJECT", "retry-test");
            builder.UseSetting("PUBSUB_EMULATOR_HOST", google.BaseUri.Authority);
            builder.UseSetting("STORAGE_EMULATOR_HOST", google.BaseUri.ToString());
            builder.UseSetting("FIRESTORE_EMULATOR_HOST", google.BaseUri.Authority);
            builder.UseSetting("VISION_EMULATOR_HOST", google.BaseUri.Authority);
        });
        var firestore = service.Services.GetRequiredService<IFirestoreClient>();

        await Assert.ThrowsAnyAsync<GoogleApiRequestException>(() => firestore.CreateDocumentAsync(
            "pictures", "p1", new Dictionary<string, FirestoreValue>(), CancellationToken.None));

        var request = Assert.Single(google.Received);
        Assert.Equal("/v1/projects/retry-test/databases/(default)/documents/pictures", request.Path);
    }
}
