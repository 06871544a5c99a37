using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace PicADaily.Architecture.Tests.Support;

/// <summary>
/// Runs a service's own <c>Program</c> up to the point where its host is built, then stops it before
/// anything starts (the way <c>dotnet ef</c> reaches an app's services): the real registrations,
/// with no server, no hosted service and no start-up check running.
/// </summary>
internal static class ServiceHost
{
    private const string HostingListener = "Microsoft.Extensions.Hosting";

    // The hosting diagnostic listener is process-wide: one capture at a time, and only of the host
    // built by the program this call runs (another test may build a host at the same moment).
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly AsyncLocal<bool> Capturing = new();

    public static IHost BuildWithoutStarting(string assemblyName, params string[] args)
    {
        var entryPoint = Assembly.Load(assemblyName).EntryPoint
            ?? throw new InvalidOperationException($"{assemblyName} has no entry point.");
        OneAtATime.Wait();
        try
        {
            IHost? built = null;
            using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
            {
                if (listener.Name == HostingListener)
                {
                    listener.Subscribe(new Observer<KeyValuePair<string, object?>>(pair =>
                    {
                        if (pair.Key == "HostBuilt" && built is null && Capturing.Value)
                        {
                            built = (IHost)pair.Value!;
                            throw new HostCaptured();
                        }
                    }));
                }
            }));

            Capturing.Value = true;
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args]);
            }
            catch (TargetInvocationException e) when (e.InnerException is HostCaptured)
            {
            }
            catch (HostCaptured)
            {
            }
            finally
            {
                Capturing.Value = false;
            }

            return built ?? throw new InvalidOperationException($"{assemblyName} finished without building a host.");
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private sealed class HostCaptured : Exception;

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
