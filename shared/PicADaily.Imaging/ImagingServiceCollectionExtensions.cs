using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PicADaily.Imaging;

/// <summary>
/// Registers the <see cref="SafeImageLoader"/> with limits from configuration section <c>Images</c>
/// (defaults: <see cref="ImageLimits.Default"/>), the process's <see cref="DecodeSlots"/>
/// (<c>Images:DecodeConcurrency</c>, default one per core; <c>Images:DecodePixelBudget</c>, default 50 MP),
/// the process's <see cref="OriginalsBudget"/> (<c>Images:OriginalsBudget</c> in bytes, default 16 MiB)
/// and the liveness check on abandoned decodes.
/// </summary>
public static class ImagingServiceCollectionExtensions
{
    public const string SectionName = "Images";
    public const string DecodeConcurrencyKey = "DecodeConcurrency";
    public const string DecodePixelBudgetKey = "DecodePixelBudget";
    public const string OriginalsBudgetKey = "OriginalsBudget";

    /// <summary>The tag ServiceDefaults serves on <c>/alive</c>: a failing check there gets the process restarted.</summary>
    private const string LivenessTag = "live";

    /// <exception cref="InvalidOperationException">An <c>Images</c> setting is out of range: the service must not start with it.</exception>
    public static IServiceCollection AddSafeImageLoader(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = ImageLimits.Default;
        var limits = new ImageLimits(
            section.GetValue(nameof(ImageLimits.MaxBytes), defaults.MaxBytes),
            section.GetValue(nameof(ImageLimits.MaxPixels), defaults.MaxPixels),
            section.GetValue(nameof(ImageLimits.MaxDimension), defaults.MaxDimension),
            section.GetValue(nameof(ImageLimits.DecodeTimeout), defaults.DecodeTimeout));
        if (section.GetValue<TimeSpan?>(nameof(ImageLimits.DecodeWallTimeout)) is { } wall)
        {
            limits = limits with { DecodeWallTimeout = wall };
        }

        var concurrency = section.GetValue(DecodeConcurrencyKey, DecodeSlots.DefaultCapacity);
        var pixelBudget = section.GetValue(DecodePixelBudgetKey, DecodeSlots.DefaultPixelBudget);
        var originalsBudget = section.GetValue(OriginalsBudgetKey, OriginalsBudget.DefaultBytes);
        Validate(limits, concurrency, pixelBudget);
        if (originalsBudget is < 1 or > int.MaxValue)
        {
            throw new InvalidOperationException($"{SectionName}:{OriginalsBudgetKey} must be between 1 and {int.MaxValue} bytes (is {originalsBudget}).");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(limits);
        services.AddSingleton(_ => new DecodeSlots(concurrency, pixelBudget));
        services.AddSingleton(_ => new OriginalsBudget(originalsBudget));
        services.AddSingleton(provider => new AbandonedDecodes(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new SafeImageLoader(
            limits,
            provider.GetRequiredService<DecodeSlots>(),
            provider.GetRequiredService<AbandonedDecodes>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddHealthChecks().AddCheck<AbandonedDecodesHealthCheck>(AbandonedDecodesHealthCheck.Name, tags: [LivenessTag]);
        return services;
    }

    private static void Validate(ImageLimits limits, int concurrency, long pixelBudget)
    {
        if (concurrency < 1)
        {
            throw new InvalidOperationException($"{SectionName}:{DecodeConcurrencyKey} must be at least 1 (is {concurrency}).");
        }

        if (pixelBudget is < 1 or > int.MaxValue)
        {
            throw new InvalidOperationException($"{SectionName}:{DecodePixelBudgetKey} must be between 1 and {int.MaxValue} pixels (is {pixelBudget}).");
        }

        if (limits.DecodeTimeout <= TimeSpan.Zero || limits.DecodeWallTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{SectionName}:{nameof(ImageLimits.DecodeTimeout)} and {nameof(ImageLimits.DecodeWallTimeout)} must be positive "
                + $"(are {limits.DecodeTimeout} and {limits.DecodeWallTimeout}).");
        }
    }
}
