using System.Net;
using Microsoft.Extensions.Time.Testing;
using PicADaily.Contracts.Payloads;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Vision;
using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Imaging;
using PicADaily.Imaging.Tests;
using PicADaily.ServiceDefaults.Events;
using PicADaily.Testing;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.ImageAnalysis.Tests;

public sealed class PictureUploadedHandlerTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);
    private static readonly byte[] Photo = TestImages.SolidJpeg(1200, 900, new Rgba32(30, 144, 255));
    private static readonly SafeSearchAnnotation AllClear = new(Likelihood.VeryUnlikely, Likelihood.Unlikely, Likelihood.VeryUnlikely, Likelihood.Possible, Likelihood.Possible);
    private readonly PictureWorld world = new();
    private readonly FakeVision vision = new();

    [Fact]
    public async Task A_safe_picture_is_recorded_with_labels_by_score_and_its_top_colour_and_announced()
    {
        vision.Answer = () => new ImageAnnotation(
            [new(null, "Sky", 0.80f, 0.8f), new(null, "Beach", 0.95f, 0.9f), new(null, "Sea", 0.90f, 0.9f)],
            [new(10, 20, 30, 0.2f, 0.3f), new(30, 144, 255, 0.7f, 0.6f)],
            AllClear);
        var uploaded = world.Upload("beach.jpg", Photo);

        var outcome = await Handler(ColourSource.Vision).HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Handled, outcome.Kind);
        var document = world.Document("beach.jpg")!;
        Assert.Equal(["Beach", "Sea", "Sky"], document.Labels);
        Assert.Equal("#1e90ff", document.Color);
        Assert.True(document.Safe);
        Assert.Equal(uploaded.Generation, document.Generation);
        Assert.False(document.Visible);
        var analyzed = Assert.Single(world.Publisher.Payloads<PictureAnalyzed>());
        Assert.Equal((uploaded.Name, uploaded.Generation, "#1e90ff"), (analyzed.Name, analyzed.Generation, analyzed.Color));
    }

    [Theory]
    [InlineData(Likelihood.Likely, "LIKELY")]
    [InlineData(Likelihood.VeryLikely, "VERY_LIKELY")]
    public async Task A_picture_likely_racy_is_recorded_as_unsafe_and_rejected(Likelihood racy, string verdict)
    {
        vision.Answer = () => new ImageAnnotation([new(null, "Person", 0.9f, 0.9f)], [], AllClear with { Racy = racy });
        var uploaded = world.Upload("racy.jpg", Photo);

        await Handler().HandleAsync(uploaded, default);

        var document = world.Document("racy.jpg")!;
        Assert.False(document.Safe);
        Assert.Equal($"racy: {verdict}", document.RejectionReason);
        Assert.Equal($"racy: {verdict}", Assert.Single(world.Publisher.Payloads<PictureRejected>()).Reason);
        Assert.Empty(world.Publisher.Payloads<PictureAnalyzed>());
    }

    [Fact]
    public async Task After_the_thumbnail_the_analysis_makes_the_picture_visible_in_either_order()
    {
        vision.Answer = () => new ImageAnnotation([], [new(1, 2, 3, 1, 1)], AllClear);
        var uploaded = world.Upload("cat.jpg", Photo);
        await world.Catalog.RecordThumbnailAsync("cat.jpg", uploaded.Generation, DateTimeOffset.UtcNow, default);

        await Handler().HandleAsync(uploaded, default);

        Assert.True(world.Document("cat.jpg")!.Visible);
    }

    [Fact]
    public async Task The_originals_bytes_go_back_to_the_budget_before_vision_is_asked_and_after_a_poison_picture()
    {
        long availableWhileVisionAnswers = -1;
        vision.Answer = () =>
        {
            availableWhileVisionAnswers = world.Originals.Available;
            return new ImageAnnotation([new(null, "Sky", 0.80f, 0.8f)], [new(30, 144, 255, 0.7f, 0.6f)], AllClear);
        };

        Assert.Equal(OutcomeKind.Handled, (await Handler().HandleAsync(world.Upload("sky.jpg", Photo), default)).Kind);
        Assert.Equal(world.Originals.Bytes, availableWhileVisionAnswers);

        var poisoned = await Handler().HandleAsync(world.Upload("cut.jpg", TestImages.Truncated(Photo)), default);
        Assert.Equal(OutcomeKind.FailedPermanently, poisoned.Kind);
        Assert.Equal(world.Originals.Bytes, world.Originals.Available);
    }

    [Fact]
    public async Task A_poison_picture_fails_permanently_before_any_vision_call()
    {
        var uploaded = world.Upload("poison.jpg", TestImages.NotAnImage);

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal((OutcomeKind.FailedPermanently, "unsupported-format"), (outcome.Kind, outcome.ReasonCode));
        Assert.Equal(0, vision.Calls);
        Assert.Empty(world.Firestore.All("pictures"));
    }

    [Fact]
    public async Task A_picture_vision_cannot_read_fails_permanently_with_visions_reason()
    {
        vision.Answer = () => throw new VisionAnnotationException(3, "Bad image data.");

        var outcome = await Handler().HandleAsync(world.Upload("odd.jpg", Photo), default);

        Assert.Equal((OutcomeKind.FailedPermanently, "vision-rejected"), (outcome.Kind, outcome.ReasonCode));
        Assert.Contains("Bad image data.", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vision_unavailable_asks_for_a_retry_and_writes_nothing()
    {
        vision.Answer = () => throw new GoogleApiRequestException(GoogleApiErrorKind.Transient, HttpStatusCode.ServiceUnavailable, "UNAVAILABLE", "try later");

        var outcome = await Handler().HandleAsync(world.Upload("cat.jpg", Photo), default);

        Assert.Equal(OutcomeKind.Retry, outcome.Kind);
        Assert.Empty(world.Firestore.All("pictures"));
        Assert.Empty(world.Publisher.Published);
    }

    [Fact]
    public async Task A_picture_deleted_during_analysis_leaves_no_document()
    {
        vision.During = () =>
        {
            world.Storage.Remove(PictureWorld.Pictures, "cat.jpg");
            return Task.CompletedTask;
        };
        var uploaded = world.Upload("cat.jpg", Photo);

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Empty(world.Firestore.All("pictures"));
        Assert.Empty(world.Publisher.Published);
    }

    [Fact]
    public async Task A_stale_generation_is_ignored_without_asking_vision()
    {
        var old = world.Upload("cat.jpg", Photo);
        world.Upload("cat.jpg", Photo);

        var outcome = await Handler().HandleAsync(old, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(0, vision.Calls);
    }

    [Fact]
    public async Task A_duplicate_delivery_costs_no_vision_call_and_announces_the_same_verdict_again()
    {
        vision.Answer = () => new ImageAnnotation([new(null, "Cat", 0.9f, 0.9f)], [new(30, 144, 255, 0.7f, 0.6f)], AllClear);
        var uploaded = world.Upload("cat.jpg", Photo);
        await Handler(ColourSource.Vision).HandleAsync(uploaded, default);
        var recorded = await world.Catalog.GetAsync("cat.jpg", default);

        var again = await Handler(ColourSource.Vision).HandleAsync(uploaded with { Id = "redelivered" }, default);

        Assert.Equal(1, vision.Calls);
        Assert.Equal(OutcomeKind.Ignored, again.Kind);
        Assert.Contains("already analysed", again.Reason, StringComparison.Ordinal);
        Assert.Equal(recorded!.UpdateTime, (await world.Catalog.GetAsync("cat.jpg", default))!.UpdateTime);
        var announcements = world.Publisher.Payloads<PictureAnalyzed>().ToList();
        Assert.Equal(2, announcements.Count);
        Assert.Equal(["Cat"], announcements[1].Labels);
        Assert.Equal((uploaded.Generation, "#1e90ff"), (announcements[1].Generation, announcements[1].Color));
    }

    [Fact]
    public async Task A_redelivery_after_a_crash_between_recording_and_announcing_announces_the_recorded_rejection_without_vision()
    {
        var uploaded = world.Upload("racy.jpg", Photo);
        await world.Catalog.RecordAnalysisAsync("racy.jpg", uploaded.Generation, DateTimeOffset.UtcNow, new(["Person"], "#102030", Safe: false, "racy: LIKELY"), default);

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(0, vision.Calls);
        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        var rejected = Assert.Single(world.Publisher.Payloads<PictureRejected>());
        Assert.Equal((uploaded.Generation, "racy: LIKELY"), (rejected.Generation, rejected.Reason));
        Assert.Empty(world.Publisher.Payloads<PictureAnalyzed>());
    }

    [Fact]
    public async Task A_picture_whose_thumbnail_is_recorded_but_not_its_analysis_is_still_analysed()
    {
        var uploaded = world.Upload("cat.jpg", Photo);
        await world.Catalog.RecordThumbnailAsync("cat.jpg", uploaded.Generation, DateTimeOffset.UtcNow, default);

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Handled, outcome.Kind);
        Assert.Equal(1, vision.Calls);
    }

    [Fact]
    public async Task A_generation_older_than_the_recorded_one_is_ignored_without_asking_vision()
    {
        var uploaded = world.Upload("cat.jpg", Photo);
        await world.Catalog.RecordThumbnailAsync("cat.jpg", uploaded.Generation + 1, DateTimeOffset.UtcNow, default);

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(0, vision.Calls);
        Assert.Equal(uploaded.Generation + 1, world.Document("cat.jpg")!.Generation);
    }

    [Fact]
    public async Task A_new_generation_costs_one_vision_request_for_labels_and_safe_search_and_a_duplicate_costs_none()
    {
        // Vision answers no colour at all: the recorded one is the picture's own, computed locally.
        vision.Answer = () => new ImageAnnotation([new(null, "Sky", 0.9f, 0.9f)], [], AllClear);
        var uploaded = world.Upload("sky.jpg", Photo);

        await Handler().HandleAsync(uploaded, default);
        await Handler().HandleAsync(uploaded with { Id = "redelivered" }, default);

        var request = Assert.Single(vision.Requests);
        Assert.Equal([VisionFeatureType.LabelDetection, VisionFeatureType.SafeSearchDetection], request.Select(f => f.Type));
        var colour = world.Document("sky.jpg")!.Color!;
        Assert.True(ColourAgreementTests.Distance(colour, "#1e90ff") <= 3, $"the local colour {colour} is not the picture's #1e90ff");
        Assert.All(world.Publisher.Payloads<PictureAnalyzed>(), announced => Assert.Equal(colour, announced.Color));
    }

    [Fact]
    public async Task With_the_colour_from_vision_one_request_asks_for_three_features_and_visions_colour_is_recorded()
    {
        vision.Answer = () => new ImageAnnotation([], [new(200, 10, 20, 0.9f, 0.9f)], AllClear);
        var uploaded = world.Upload("sky.jpg", Photo);

        await Handler(ColourSource.Vision).HandleAsync(uploaded, default);
        await Handler(ColourSource.Vision).HandleAsync(uploaded with { Id = "redelivered" }, default);

        var request = Assert.Single(vision.Requests);
        Assert.Equal([VisionFeatureType.LabelDetection, VisionFeatureType.ImageProperties, VisionFeatureType.SafeSearchDetection], request.Select(f => f.Type));
        Assert.Equal("#c80a14", world.Document("sky.jpg")!.Color);
    }

    [Fact]
    public void Colours_are_lower_case_hex_with_channels_rounded_and_clamped()
    {
        Assert.Equal("#0a0bff", AnalysisRules.ToHex(new DominantColor(10.4f, 10.6f, 300f, 1, 1)));
        Assert.Equal("#000000", AnalysisRules.ToHex(new DominantColor(-5, 0, 0, 1, 1)));
    }

    [Fact]
    public void Possible_verdicts_are_safe_and_every_category_counts()
    {
        Assert.True(AnalysisRules.Interpret(new ImageAnnotation([], [], new(Likelihood.Possible, Likelihood.Possible, Likelihood.Possible, Likelihood.Possible, Likelihood.Possible))).Safe);
        Assert.Equal("spoof: LIKELY, medical: VERY_LIKELY, violence: LIKELY", AnalysisRules.Interpret(new ImageAnnotation([], [], new(Likelihood.Unknown, Likelihood.Likely, Likelihood.VeryLikely, Likelihood.Likely, Likelihood.Unlikely))).RejectionReason);
        Assert.True(AnalysisRules.Interpret(new ImageAnnotation([], [], null)).Safe);
    }

    [Fact]
    public async Task A_picture_the_busy_machine_could_not_decode_in_time_is_retried_without_asking_vision()
    {
        var time = new FakeTimeProvider();
        var cpu = new FakeThreadCpuClock(time);
        cpu.Hold.Reset(); // the decode never gets a core
        var uploaded = world.Upload("cat.jpg", Photo);
        var loader = new SafeImageLoader(ImageLimits.Default, new DecodeSlots(1), new AbandonedDecodes(time), cpu, time);
        try
        {
            var handling = Handler(loader).HandleAsync(uploaded, default);
            await cpu.Started.WaitAsync(Bounded);

            time.Advance(ImageLimits.Default.DecodeWallTimeout + TimeSpan.FromSeconds(1));
            var outcome = await handling.WaitAsync(Bounded);

            Assert.Equal(OutcomeKind.Retry, outcome.Kind);
            Assert.StartsWith("busy: ", outcome.Reason, StringComparison.Ordinal);
            Assert.Equal(0, vision.Calls);
            Assert.Null(world.Document("cat.jpg"));
        }
        finally
        {
            cpu.Hold.Set();
        }
    }

    [Fact]
    public async Task A_picture_that_needs_more_cpu_than_allowed_fails_permanently_as_a_timeout()
    {
        var uploaded = world.Upload("huge.jpg", TestImages.SolidJpeg(4000, 3000, new Rgba32(30, 144, 255)));
        var limits = ImageLimits.Default with { DecodeTimeout = TimeSpan.FromMilliseconds(1), DecodeWallTimeout = TimeSpan.FromMinutes(5) };

        var outcome = await Handler(new SafeImageLoader(limits)).HandleAsync(uploaded, default);

        Assert.Equal((OutcomeKind.FailedPermanently, "timeout"), (outcome.Kind, outcome.ReasonCode));
        Assert.Contains("of CPU", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(0, vision.Calls);
    }

    private PictureUploadedHandler Handler(ColourSource colour = ColourSource.Local) => Handler(new SafeImageLoader(ImageLimits.Default), colour);

    private PictureUploadedHandler Handler(SafeImageLoader loader, ColourSource colour = ColourSource.Local) =>
        new(world.Intake, world.PictureStorage, world.Catalog, vision, new VisionInputPreparer(loader, colour), loader, world.Announcer("image-analysis"));
}
