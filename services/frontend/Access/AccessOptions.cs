using Google.Apis.Auth.OAuth2;

namespace PicADaily.Frontend.Access;

/// <summary>
/// Who the person behind a request is, and who may delete anything. Section <see cref="SectionName"/>.
/// On Google Cloud, Identity-Aware Proxy vouches for people (<see cref="IapAudience"/>); locally a
/// labelled <see cref="DevelopmentIdentity"/> stands in. The two never mix.
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>When set, every request (except push and health) must carry a valid IAP assertion for this audience, else 401.</summary>
    public string? IapAudience { get; set; }

    /// <summary>Where IAP's public keys are published; tests point it elsewhere and serve their own.</summary>
    public string IapCertificatesUrl { get; set; } = GoogleAuthConsts.IapKeySetUrl;

    /// <summary>E-mail addresses (as IAP or the development identity names them) allowed to delete any picture and see hidden originals.</summary>
    public string[] Admins { get; set; } = [];

    /// <summary>A stand-in identity for local runs, shown on every page as a development identity.</summary>
    public string? DevelopmentIdentity { get; set; }

    public bool IsAdmin(string? identity) =>
        !string.IsNullOrWhiteSpace(identity) && Admins.Contains(identity.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Why these options cannot be used, or null when they can.</summary>
    public string? Problem() =>
        !string.IsNullOrWhiteSpace(IapAudience) && !string.IsNullOrWhiteSpace(DevelopmentIdentity)
            ? "Access:DevelopmentIdentity must not be set together with Access:IapAudience: behind IAP only verified identities count."
            : IapAudience is { } audience && string.IsNullOrWhiteSpace(audience)
                ? "Access:IapAudience is blank: set it to the IAP audience (/projects/NUMBER/...) or leave it unset."
                : null;
}
