using Microsoft.Extensions.Configuration;

namespace PicADaily.ServiceDefaults.Hosting;

/// <summary>Whether the process runs on Cloud Run, which sets <c>K_SERVICE</c> in every container it starts.</summary>
public static class CloudRun
{
    /// <summary>The environment variable Cloud Run sets to the service's name.</summary>
    public const string ServiceVariable = "K_SERVICE";

    public static bool IsCloudRun(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrEmpty(configuration[ServiceVariable]);
    }
}
