namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>
/// One REST call of a differential scenario. <paramref name="Path"/> and <paramref name="Body"/> may hold
/// <c>{name}</c> placeholders: <c>{db}</c> (the Firestore documents root), <c>{p}</c> (the project), or a value
/// an earlier call captured. <paramref name="Captures"/> entries are <c>name=json.path</c> (dots, numeric
/// array indexes), read from this call's response on each server separately.
/// </summary>
public sealed record Call(string Name, string Method, string Path, string? Body = null, params string[] Captures);
