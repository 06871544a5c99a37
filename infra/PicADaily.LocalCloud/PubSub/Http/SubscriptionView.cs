using System.Text.Json;

namespace PicADaily.LocalCloud.PubSub.Http;

/// <summary>
/// A subscription as Google answers it: an empty <c>pushConfig</c> for a pull subscription and the default
/// seven-day <c>messageRetentionDuration</c> are spelled out, not left away, so a client that reads them
/// sees what it would see from Google Cloud and its emulator. The stored configuration is left as given.
/// </summary>
internal static class SubscriptionView
{
    public const string DefaultRetention = "604800s";

    public static SubscriptionResource Of(SubscriptionResource stored)
    {
        var view = JsonSerializer.Deserialize<SubscriptionResource>(JsonSerializer.Serialize(stored, PubSubJson.Options), PubSubJson.Options)!;
        view.PushConfig ??= new PushConfig();
        view.MessageRetentionDuration ??= DefaultRetention;
        return view;
    }
}
