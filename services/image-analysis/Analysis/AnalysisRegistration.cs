using Microsoft.Extensions.Options;
using PicADaily.Imaging;

namespace PicADaily.ImageAnalysis.Analysis;

public static class AnalysisRegistration
{
    /// <summary>
    /// Binds <c>Analysis</c> (refusing to start on an unknown colour source) and registers the
    /// preparer, which computes the colour from the pixels it decodes for Vision when asked to.
    /// </summary>
    public static IServiceCollection AddColourAnalysis(this IServiceCollection services)
    {
        services.AddOptions<AnalysisOptions>()
            .BindConfiguration(AnalysisOptions.SectionName)
            .Validate(o => Enum.IsDefined(o.Colour), "Analysis:Colour must be 'local' or 'vision'.")
            .ValidateOnStart();
        return services.AddSingleton(provider => new VisionInputPreparer(
            provider.GetRequiredService<SafeImageLoader>(),
            provider.GetRequiredService<IOptions<AnalysisOptions>>().Value.Colour));
    }
}
