using System.Collections.Concurrent;

namespace PicADaily.Testing.Faults;

/// <summary>How many times each fault was actually injected, so a test can prove its faults happened.</summary>
public sealed class FaultCounts
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public void Add(string fault) => counts.AddOrUpdate(fault, 1, (_, n) => n + 1);

    public void Add(PushFault fault) => Add(fault.ToString());

    public int this[string fault] => counts.GetValueOrDefault(fault);

    public int this[PushFault fault] => this[fault.ToString()];

    public int Total => counts.Values.Sum();

    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(counts, StringComparer.Ordinal);

    public override string ToString() => string.Join(", ", Snapshot().Select(c => $"{c.Key} {c.Value}"));
}
