using System.Net;
using System.Net.Sockets;

namespace BatchLearning.Tests.Site;

/// <summary>
/// Serves a folder over HTTP on 127.0.0.1 and a free port, as GitHub Pages or <c>python3 -m http.server</c> would: the site's search
/// loads its index with fetch and an ES module, which browsers refuse from file:// pages.
/// A page can hold the browser's load event until its own asynchronous check has finished: a request for <see cref="HoldPath"/> is answered only
/// when <see cref="ReleasePath"/> is requested (or after a minute), and headless Chromium's virtual time does not run out while a request is pending.
/// </summary>
internal sealed class StaticSiteServer : IAsyncDisposable
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript", [".css"] = "text/css", [".json"] = "application/json",
        [".wasm"] = "application/wasm", [".ipynb"] = "application/x-ipynb+json", [".cs"] = "text/plain; charset=utf-8",
    };

    /// <summary>A request for this path is answered once <see cref="ReleasePath"/> has been requested.</summary>
    public const string HoldPath = "__hold";

    /// <summary>Requesting this path answers the held requests.</summary>
    public const string ReleasePath = "__release";

    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _folder;
    private readonly Task _serving;

    public StaticSiteServer(string folder)
    {
        _folder = Path.GetFullPath(folder);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Every request served so far, as "STATUS PATH", for a failing test's message.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The site's root address.</summary>
    public Uri BaseAddress { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
        if (relative is HoldPath or ReleasePath)
        {
            await HoldOrReleaseAsync(relative, context.Response);
            return;
        }

        var file = Path.GetFullPath(Path.Combine(_folder, relative));
        if (Directory.Exists(file))
        {
            file = Path.Combine(file, "index.html");
        }

        using var response = context.Response;
        Requests.Enqueue($"{(File.Exists(file) ? 200 : 404)} {relative}");
        if (!file.StartsWith(_folder, StringComparison.Ordinal) || !File.Exists(file))
        {
            response.StatusCode = 404;
            return;
        }

        response.ContentType = Types.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
        var bytes = await File.ReadAllBytesAsync(file);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private async Task HoldOrReleaseAsync(string path, HttpListenerResponse response)
    {
        using (response)
        {
            if (path == ReleasePath)
            {
                _released.TrySetResult();
            }
            else
            {
                await Task.WhenAny(_released.Task, Task.Delay(TimeSpan.FromMinutes(1)));
            }

            response.StatusCode = 204;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: the managed HttpListener's Close after Stop looks its endpoint up again, binding the port anew, and fails with
        // "Address already in use" when another process took the freed port in between (seen once in a full run).
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The listener is closed either way; the port is another process's now.
        }

        await _serving;
    }
}
