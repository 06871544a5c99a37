namespace PicADaily.Provisioner;

/// <summary>What a run changed and what it could not reconcile. A second run over an applied topology has no changes.</summary>
public sealed class ProvisioningReport
{
    private readonly List<string> changes = [];
    private readonly List<string> problems = [];
    private readonly List<string> unchanged = [];

    /// <summary>Created or updated resources, e.g. <c>created topic picture-events</c>.</summary>
    public IReadOnlyList<string> Changes => changes;

    /// <summary>Differences this tool must not fix on its own (a filter or topic cannot change after creation).</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>Resources found exactly as declared.</summary>
    public IReadOnlyList<string> Unchanged => unchanged;

    /// <summary>True when nothing needed doing and nothing is wrong.</summary>
    public bool NoChanges => changes.Count == 0 && problems.Count == 0;

    internal void Changed(string what) => changes.Add(what);

    internal void Problem(string what) => problems.Add(what);

    internal void Kept(string what) => unchanged.Add(what);
}
