using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Operations;

namespace PicADaily.Frontend.Pages;

/// <summary>
/// <c>/operations</c>, for admins only: what failed in the last 24 hours, each subscription's queue,
/// and replay of kept dead letters (one, or all of a subscription's not yet replayed). Posts carry the antiforgery token
/// (Razor Pages check it) and are rate-limited like the other writes.
/// </summary>
public sealed class OperationsModel(FailureReport report, DeadLetterStore deadLetters, DeadLetterReplayer replayer, SubscriptionStatus status, TimeProvider clock) : PageModel
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public IReadOnlyList<FailureGroup> Groups { get; private set; } = [];

    public bool Truncated { get; private set; }

    public IReadOnlyList<SubscriptionBacklog>? Subscriptions { get; private set; }

    public DateTimeOffset Since { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!HttpContext.GetViewer().IsAdmin)
        {
            return Refused();
        }

        Since = clock.GetUtcNow() - Window;
        var failures = report.SinceAsync(Since, cancellationToken);
        var queues = status.GetAsync(cancellationToken);
        (Groups, Truncated) = await failures;
        Subscriptions = await queues;
        return Page();
    }

    public async Task<IActionResult> OnPostReplayAsync(string id, CancellationToken cancellationToken)
    {
        if (!HttpContext.GetViewer().IsAdmin)
        {
            return Refused();
        }

        if (await deadLetters.GetAsync(id, cancellationToken) is not { } deadLetter)
        {
            return NotFound();
        }

        var result = await replayer.ReplayAsync(deadLetter, HttpContext.GetViewer().Identity ?? "admin", cancellationToken);
        Message = result.Problem ?? $"Replayed 1 message to {result.Topic}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReplayAllAsync(string subscription, CancellationToken cancellationToken)
    {
        if (!HttpContext.GetViewer().IsAdmin)
        {
            return Refused();
        }

        // Those still waiting: one already replayed was handled once (and, if the cause was not
        // fixed, came back as a new dead letter), so replaying all again would only repeat it.
        var kept = (await deadLetters.ListSinceAsync(clock.GetUtcNow() - Window, cancellationToken))
            .Where(d => d.SourceSubscription == subscription && d.Replayed is null)
            .ToList();
        var problems = new List<string>();
        foreach (var deadLetter in kept)
        {
            if ((await replayer.ReplayAsync(deadLetter, HttpContext.GetViewer().Identity ?? "admin", cancellationToken)).Problem is { } problem)
            {
                problems.Add(problem);
            }
        }

        Message = problems.Count == 0 ? $"Replayed {kept.Count} messages of {subscription}." : string.Join(" ", problems.Distinct());
        return RedirectToPage();
    }

    private ObjectResult Refused() => StatusCode(StatusCodes.Status403Forbidden, "Only admins (Access:Admins) may see the operations page.");
}
