namespace PicADaily.Imaging;

/// <summary>
/// Runs one decode in a slot, on its own thread, under a watchdog. The limits count from when the slot is
/// acquired, never while queued. Over <see cref="ImageLimits.DecodeTimeout"/> of the thread's CPU time the
/// picture is refused (<see cref="ImageRejectionReason.Timeout"/>): that much work would be spent on it on any
/// machine. Over <see cref="ImageLimits.DecodeWallTimeout"/> of wall clock with less CPU than that, the
/// machine was busy and the decode is deferred (<see cref="DecodeDeferredException"/>), so it is retried.
/// A decode that ignores cancellation is abandoned (a thread cannot be killed) and tracked until it returns.
/// </summary>
internal sealed class DecodeRunner(ImageLimits limits, DecodeSlots slots, AbandonedDecodes abandoned, IThreadCpuClock cpuClock, TimeProvider timeProvider)
{
    private static readonly TimeSpan ShortestCheckInterval = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestCheckInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs work that decodes no pixels (identifying a picture) in a slot.</summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken ct) => RunAsync(0, work, ct);

    /// <summary>Runs a decode of <paramref name="pixels"/> pixels once the budget has them and a slot is free.</summary>
    public async Task<T> RunAsync<T>(long pixels, Func<CancellationToken, T> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var slot = await slots.AcquireAsync(pixels, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new Watch(cpuClock, timeProvider);
        var verdict = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var interval = CheckInterval();
        using var timer = timeProvider.CreateTimer(_ => Check(watch, verdict), null, interval, interval);

        // A dedicated thread, not a pool thread: a decoder stuck in a loop must not starve the pool that
        // runs the watchdog, and only a thread of its own has a CPU time that is the decode's alone.
        var task = Task.Factory.StartNew(
            () => watch.Measure(() => work(stop.Token)),
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);
        try
        {
            await Task.WhenAny(task, verdict.Task).WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await stop.CancelAsync();
            Abandon(task);
            throw;
        }

        if (verdict.Task.IsCompleted)
        {
            await stop.CancelAsync();
            Abandon(task);
            throw verdict.Task.Result;
        }

        var (result, cpuUsed) = await task;

        // The watchdog may not have looked since the budget ran out; the limit means the same either way.
        if (cpuUsed > limits.DecodeTimeout)
        {
            (result as IDisposable)?.Dispose();
            throw CpuBudgetSpent();
        }

        return result;
    }

    private TimeSpan CheckInterval()
    {
        var shortestLimit = limits.DecodeTimeout < limits.DecodeWallTimeout ? limits.DecodeTimeout : limits.DecodeWallTimeout;
        var interval = shortestLimit / 20;
        return interval < ShortestCheckInterval ? ShortestCheckInterval
            : interval > LongestCheckInterval ? LongestCheckInterval
            : interval;
    }

    private void Check(Watch watch, TaskCompletionSource<Exception> verdict)
    {
        var (wall, cpu) = watch.Elapsed();
        if (cpu >= limits.DecodeTimeout)
        {
            verdict.TrySetResult(CpuBudgetSpent());
        }
        else if (wall >= limits.DecodeWallTimeout)
        {
            verdict.TrySetResult(new DecodeDeferredException(
                $"busy: the decode ran {wall.TotalSeconds:0.#} s on the clock but got only {cpu.TotalSeconds:0.#} s of CPU "
                + $"(the picture may use {limits.DecodeTimeout.TotalSeconds:0.###} s); retry when the machine is less loaded"));
        }
    }

    private ImageRejectedException CpuBudgetSpent() => new(
        ImageRejectionReason.Timeout,
        $"timeout: decoding used more than {limits.DecodeTimeout.TotalSeconds:0.###} s of CPU");

    private void Abandon<T>(Task<(T Result, TimeSpan CpuUsed)> task)
    {
        if (!task.IsCompleted)
        {
            abandoned.Track(task);
        }

        _ = task.ContinueWith(
            static finished =>
            {
                if (finished.IsCompletedSuccessfully && finished.Result.Result is IDisposable late)
                {
                    late.Dispose();
                }

                // Reading the exception marks it observed: the caller has already been answered.
                _ = finished.Exception;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Wall time since the slot was acquired, and the decode thread's CPU time (wall time where that cannot be read).</summary>
    private sealed class Watch(IThreadCpuClock cpuClock, TimeProvider timeProvider)
    {
        private readonly long started = timeProvider.GetTimestamp();
        private volatile IThreadCpuMeter? meter;
        private volatile bool measurable = true;

        /// <summary>Runs on the decode thread: starts its CPU meter, runs the work, reads the CPU it used before the thread ends.</summary>
        public (T Result, TimeSpan CpuUsed) Measure<T>(Func<T> work)
        {
            var threadMeter = cpuClock.StartOnCurrentThread();
            measurable = threadMeter is not null;
            meter = threadMeter;
            var result = work();
            return (result, Elapsed().Cpu);
        }

        public (TimeSpan Wall, TimeSpan Cpu) Elapsed()
        {
            var wall = timeProvider.GetElapsedTime(started);
            if (!measurable)
            {
                return (wall, wall);
            }

            // Not started yet: the thread is still waiting for a core, which costs the picture nothing.
            return meter is { } running ? (wall, running.Used() ?? wall) : (wall, TimeSpan.Zero);
        }
    }
}
