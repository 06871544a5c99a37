using PicADaily.Testing;
namespace PicADaily.Imaging.Tests;

/// <summary>The CPU time of one thread, read from another: what the decode limit counts.</summary>
public sealed class ThreadCpuClockTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);

    [Fact]
    public void Utime_and_stime_are_read_after_a_thread_name_with_spaces_and_parentheses()
    {
        const string stat = "4242 (.NET Long (Run)) S 1 4242 4242 0 -1 4194368 120 0 0 0 7 5 0 0 20 0 31 0 12345 0 0";

        Assert.Equal(12, ProcThreadCpuClock.ParseTicks(stat));
        Assert.Null(ProcThreadCpuClock.ParseTicks("garbage"));
    }

    [Fact]
    public async Task A_spinning_thread_is_charged_cpu_and_a_blocked_one_is_not()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere there is no per-thread clock and decodes fall back to wall time.
            Assert.Null(ProcThreadCpuClock.Instance.StartOnCurrentThread());
            return;
        }

        using var stop = new ManualResetEvent(false);
        var (spinningThread, spinning) = StartMeasuredThread(() =>
        {
            while (!stop.WaitOne(0))
            {
                Thread.SpinWait(1000);
            }
        });
        var (blockedThread, blocked) = StartMeasuredThread(() => stop.WaitOne());
        try
        {
            var spinner = await spinning.WaitAsync(Bounded);
            var sleeper = await blocked.WaitAsync(Bounded);
            await Eventually.UntilAsync(() => spinner.Used() >= TimeSpan.FromMilliseconds(200), Bounded, "the spinning thread is charged 200 ms of CPU");

            Assert.True(sleeper.Used() < TimeSpan.FromMilliseconds(100), $"a blocked thread was charged {sleeper.Used()}");
        }
        finally
        {
            stop.Set();
            spinningThread.Join();
            blockedThread.Join();
        }
    }

    private static (Thread Thread, Task<IThreadCpuMeter> Meter) StartMeasuredThread(Action body)
    {
        var meter = new TaskCompletionSource<IThreadCpuMeter>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            meter.SetResult(ProcThreadCpuClock.Instance.StartOnCurrentThread()!);
            body();
        })
        {
            IsBackground = true,
        };
        thread.Start();
        return (thread, meter.Task);
    }
}
