using System.Net;
using System.Net.Sockets;

namespace PicADaily.Browser.Tests;

/// <summary>
/// A TCP link on 127.0.0.1 between a browser and a server that a test can unplug: every open
/// connection is reset and new ones are refused until it is plugged in again, which is what a
/// browser sees when its network drops. (Chromium's emulated offline mode leaves a response that is
/// already streaming, such as an open EventSource, untouched, so it cannot stand in for this.)
/// </summary>
public sealed class UnpluggableLink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly HashSet<Socket> open = [];
    private readonly Task accepting;
    private bool unplugged;

    public UnpluggableLink(Uri target)
    {
        this.target = target;
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>Where the browser connects instead of <c>target</c>.</summary>
    public Uri Address { get; }

    /// <summary>Resets every open connection; until <see cref="PlugIn"/>, new ones are reset at once.</summary>
    public void Unplug()
    {
        lock (gate)
        {
            unplugged = true;
            foreach (var socket in open)
            {
                Reset(socket);
            }

            open.Clear();
        }
    }

    public void PlugIn()
    {
        lock (gate)
        {
            unplugged = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        Unplug();
        await accepting;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket browserSide;
            try
            {
                browserSide = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ForwardAsync(browserSide);
        }
    }

    private async Task ForwardAsync(Socket browserSide)
    {
        var serverSide = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            lock (gate)
            {
                if (unplugged)
                {
                    Reset(browserSide);
                    return;
                }

                open.Add(browserSide);
                open.Add(serverSide);
            }

            await serverSide.ConnectAsync(target.Host, target.Port, stop.Token);
            await using var fromBrowser = new NetworkStream(browserSide, ownsSocket: false);
            await using var toServer = new NetworkStream(serverSide, ownsSocket: false);
            // Either direction ending ends the connection: the other side then sees it closed.
            await Task.WhenAny(fromBrowser.CopyToAsync(toServer, stop.Token), toServer.CopyToAsync(fromBrowser, stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The link was unplugged or one side went away: nothing left to forward.
        }
        finally
        {
            lock (gate)
            {
                open.Remove(browserSide);
                open.Remove(serverSide);
            }

            browserSide.Dispose();
            serverSide.Dispose();
        }
    }

    // A reset, not a graceful close: the peer sees the connection fail, as when the network drops.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
