using System.Text.RegularExpressions;

namespace PicADaily.LocalCloud.Storage.Model;

/// <summary>Cloud Storage bucket-name rules (the subset without dots-as-domains); a valid name is also a safe folder name.</summary>
public static partial class BucketName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    public static void EnsureValid(string name)
    {
        if (!IsValid(name))
        {
            throw GoogleErrorException.InvalidArgument($"Invalid bucket name '{name}': use 3-63 lowercase letters, digits, '-', '_' or '.', starting and ending with a letter or digit.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$")]
    private static partial Regex Pattern();
}
