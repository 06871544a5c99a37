using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Vision;
using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Imaging;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;

namespace PicADaily.ImageAnalysis;

/// <summary>
/// A picture landed: ask Vision what is in it, record the picture document, announce the verdict
/// (picture.analyzed, or picture.rejected when unsafe).
/// </summary>
public sealed class PictureUploadedHandler(
    PictureIntake intake,
    PictureStorage storage,
    PictureCatalog catalog,
    IVisionClient vision,
    VisionInputPreparer preparer,
    SafeImageLoader loader,
    ActivityAnnouncer announcer) : IEventHandler<StorageObjectEvent>
{
    public async Task<HandlerOutcome> HandleAsync(StorageObjectEvent picture, CancellationToken cancellationToken)
    {
        if (intake.IgnoreUnlessNewPicture(picture) is { } notNew)
        {
            return notNew;
        }

        // Vision is billed per request, and at-least-once delivery repeats events: settle everything
        // the cheap reads can settle before the picture is downloaded or Vision is asked.
        if (!await storage.IsLiveAsync(picture.Bucket, picture.Name, picture.Generation, cancellationToken))
        {
            return HandlerOutcome.Ignored("this generation is no longer live");
        }

        var recorded = (await catalog.GetAsync(picture.Name, cancellationToken))?.Document;
        if (recorded?.Generation > picture.Generation)
        {
            return HandlerOutcome.Ignored("a newer generation is already recorded");
        }

        if (recorded is { Analyzed: true } && recorded.Generation == picture.Generation)
        {
            // A previous attempt may have recorded the verdict and died before announcing it: announce
            // it again (consumers are idempotent), without a second Vision request.
            await AnnounceAsync(picture, AnalysisOf(recorded), cancellationToken);
            return HandlerOutcome.Ignored($"generation {picture.Generation} already analysed; its verdict was announced again");
        }

        var fetched = await intake.FetchAsync(picture, loader.Limits.MaxBytes, cancellationToken);
        if (fetched.Outcome is { } unfetched)
        {
            return unfetched;
        }

        var verdict = await AnalyseAsync(fetched.Value, cancellationToken);
        if (verdict.Outcome is { } failed)
        {
            return failed;
        }

        var analysis = verdict.Analysis!;
        var created = fetched.Value.Metadata.Created ?? picture.Time ?? DateTimeOffset.UtcNow;
        var written = await catalog.RecordAnalysisAsync(picture.Name, picture.Generation, created, analysis, cancellationToken);
        if (written.Outcome is { } unrecorded)
        {
            return unrecorded;
        }

        if (written.Value == CatalogWrite.Stale)
        {
            return HandlerOutcome.Ignored("a newer generation is already recorded");
        }

        // Write, then verify: a delete or overwrite that raced with us must not leave a document behind.
        if (!await storage.IsLiveAsync(picture.Bucket, picture.Name, picture.Generation, cancellationToken))
        {
            var removed = await catalog.RemoveAsync(picture.Name, picture.Generation, cancellationToken);
            return removed.Outcome ?? HandlerOutcome.Ignored("the picture was deleted or replaced while it was analysed");
        }

        await AnnounceAsync(picture, analysis, cancellationToken);
        return HandlerOutcome.Handled(analysis.Safe ? $"safe, {analysis.Labels.Count} labels, colour {analysis.Color}" : $"unsafe ({analysis.RejectionReason})");
    }

    private static PictureAnalysis AnalysisOf(PictureDocument recorded) =>
        new(recorded.Labels, recorded.Color, recorded.Safe, recorded.Safe ? null : recorded.RejectionReason ?? "unsafe");

    private Task AnnounceAsync(StorageObjectEvent picture, PictureAnalysis analysis, CancellationToken cancellationToken) =>
        announcer.AnnounceAsync(
            analysis.Safe
                ? new PictureAnalyzed(picture.Bucket, picture.Name, picture.Generation, analysis.Labels, analysis.Color ?? "#000000")
                : new PictureRejected(picture.Bucket, picture.Name, picture.Generation, analysis.RejectionReason!),
            cancellationToken);

    private async Task<(PictureAnalysis? Analysis, HandlerOutcome? Outcome)> AnalyseAsync(FetchedPicture original, CancellationToken cancellationToken)
    {
        VisionInput visionInput;
        // The original's bytes go back to the originals budget once Vision's small copy is made, not after Vision answers.
        using (original)
        {
            try
            {
                visionInput = await preparer.PrepareAsync(original.Content, cancellationToken);
            }
            catch (ImageRejectedException e)
            {
                return (null, HandlerOutcome.Failed(e.Reason.ToCode(), e.Message));
            }
            catch (DecodeDeferredException e)
            {
                // The machine was too busy to judge the picture; nothing is known to be wrong with it.
                return (null, HandlerOutcome.Retry(e.Message));
            }
        }

        try
        {
            // One request per new generation; its features say whether the colour is asked for too.
            var annotation = await vision.AnnotateAsync(VisionImage.FromBytes(visionInput.Content), visionInput.Features, cancellationToken);
            return (AnalysisRules.Interpret(annotation, visionInput.LocalColour), null);
        }
        catch (VisionAnnotationException e)
        {
            return (null, HandlerOutcome.Failed("vision-rejected", $"Vision could not read the picture: {e.Message}"));
        }
        catch (GoogleApiRequestException e) when (e.IsTransient)
        {
            return (null, HandlerOutcome.Retry($"Vision is unavailable: {e.Message}"));
        }
    }
}
