using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PicADaily.Imaging;

/// <summary>Registers the <see cref="SafeImageLoader"/> with limits from configuration section <c>Images</c> (defaults: <see cref="ImageLimits.Default"/>).</summary>
public static class ImagingServiceCollectionExtensions
{
    public const string SectionName = "Images";

    public static IServiceCollection AddSafeImageLoader(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = ImageLimits.Default;
        var limits = new ImageLimits(
            section.GetValue(nameof(ImageLimits.MaxBytes), defaults.MaxBytes),
            section.GetValue(nameof(ImageLimits.MaxPixels), defaults.MaxPixels),
            section.GetValue(nameof(ImageLimits.MaxDimension), defaults.MaxDimension),
            section.GetValue(nameof(ImageLimits.DecodeTimeout), defaults.DecodeTimeout));
        services.AddSingleton(limits);
        services.AddSingleton<SafeImageLoader>();
        return services;
    }
}
