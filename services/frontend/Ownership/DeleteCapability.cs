using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PicADaily.Frontend.Ownership;

/// <summary>
/// A picture's delete capability: 256 random bits handed to the uploader once, as base64url. Only its
/// SHA-256 is stored (object metadata <see cref="Storage.ObjectMetadataKeys.DeleteTokenSha256"/>), so
/// whoever reads the bucket's metadata still cannot delete.
/// </summary>
public static class DeleteCapability
{
    /// <summary>The request header that carries the token on <c>DELETE /api/pictures/{name}</c> (and on image requests).</summary>
    public const string HeaderName = "Delete-Token";

    /// <summary>The form field that carries it on the pages' delete forms.</summary>
    public const string FormField = "deleteToken";

    private const int TokenBytes = 32;

    // Far longer than any token we issue: a bigger one is not worth hashing.
    private const int MaxTokenLength = 128;

    public static (string Token, string Sha256) Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        return (token, Convert.ToHexStringLower(Hash(token)));
    }

    /// <summary>True when <paramref name="token"/> hashes to <paramref name="storedSha256"/>; compared in constant time.</summary>
    public static bool Matches(string? token, string? storedSha256)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || string.IsNullOrEmpty(storedSha256) || storedSha256.Length != SHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        byte[] expected;
        try
        {
            expected = Convert.FromHexString(storedSha256);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(token), expected);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
