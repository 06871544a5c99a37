using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>Captures log lines so a test can wait for the reason LocalCloud gives.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(lines);

    public void Dispose()
    {
    }

    public async Task WaitUntilAsync(Func<IReadOnlyList<string>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition(Lines))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Expected log lines did not appear; got: " + string.Join(" | ", Lines));
            }

            await Task.Delay(20);
        }
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
