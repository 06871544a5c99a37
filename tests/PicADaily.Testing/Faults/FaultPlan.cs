namespace PicADaily.Testing.Faults;

/// <summary>
/// Decides the fault for each delivery: first the one-shot rules a test aims at a picture (in the order
/// they were added), then, if the plan is random, a draw from a generator seeded by the test (or the
/// test's own decision, <see cref="Using"/>). The draws are taken in arrival order, so one seed gives
/// the same sequence of decisions on every run.
/// </summary>
public sealed class FaultPlan
{
    private readonly object gate = new();
    private readonly List<(Func<PushDelivery, bool> Match, PushFault Fault)> rules = [];
    private readonly List<(Func<PushDelivery, bool> Match, PushFault Fault)> lasting = [];
    private readonly Random? random;
    private readonly IReadOnlyList<(PushFault Fault, double Probability)> odds;
    private readonly Func<PushDelivery, PushFault>? decide;

    private FaultPlan(Random? random, IReadOnlyList<(PushFault, double)> odds, Func<PushDelivery, PushFault>? decide = null)
    {
        this.random = random;
        this.odds = odds;
        this.decide = decide;
    }

    /// <summary>No fault unless a rule asks for one.</summary>
    public static FaultPlan Scripted() => new(null, []);

    /// <summary>Each delivery no rule matched draws a fault with the given probabilities (the rest pass untouched).</summary>
    public static FaultPlan Random(int seed, params (PushFault Fault, double Probability)[] odds) =>
        odds.Sum(o => o.Probability) <= 1
            ? new(new Random(seed), odds)
            : throw new ArgumentException("The probabilities add up to more than 1.", nameof(odds));

    /// <summary>
    /// Each delivery no rule matched is decided by <paramref name="decide"/> (called in arrival order, one
    /// at a time): for a test that records the faults it draws, or replays a recorded set of them.
    /// </summary>
    public static FaultPlan Using(Func<PushDelivery, PushFault> decide) => new(null, [], decide);

    /// <summary>Injects <paramref name="fault"/> into the next delivery matching <paramref name="match"/>, once.</summary>
    public void Once(Func<PushDelivery, bool> match, PushFault fault)
    {
        lock (gate)
        {
            rules.Add((match, fault));
        }
    }

    /// <summary>
    /// Injects <paramref name="fault"/> into every delivery matching <paramref name="match"/> (after the
    /// one-shot rules) until the returned handle is disposed: a cause that lasts until someone fixes it.
    /// Dispose it in a <c>finally</c> (or <c>using</c>) so a failing test leaves the plan clean for the next.
    /// </summary>
    public IDisposable UntilFixed(Func<PushDelivery, bool> match, PushFault fault)
    {
        var rule = (match, fault);
        lock (gate)
        {
            lasting.Add(rule);
        }

        return new Fix(() =>
        {
            lock (gate)
            {
                lasting.Remove(rule);
            }
        });
    }

    public PushFault Decide(PushDelivery delivery)
    {
        lock (gate)
        {
            var rule = rules.FindIndex(r => r.Match(delivery));
            if (rule >= 0)
            {
                var fault = rules[rule].Fault;
                rules.RemoveAt(rule);
                return fault;
            }

            if (lasting.FindIndex(r => r.Match(delivery)) is var cause and >= 0)
            {
                return lasting[cause].Fault;
            }

            if (decide is not null)
            {
                return decide(delivery);
            }

            if (random is null)
            {
                return PushFault.None;
            }

            var draw = random.NextDouble();
            foreach (var (fault, probability) in odds)
            {
                if ((draw -= probability) < 0)
                {
                    return fault;
                }
            }

            return PushFault.None;
        }
    }

    private sealed class Fix(Action undo) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                undo();
            }
        }
    }
}
