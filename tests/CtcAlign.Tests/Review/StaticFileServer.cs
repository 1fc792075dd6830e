using System.Net;
using System.Net.Sockets;

namespace CtcAlign.Tests.Review;

/// <summary>
/// The plainest static web server, on 127.0.0.1 only: GET of files under one folder, with byte ranges (what a
/// browser asks for when it seeks in audio). Stands for "any static web server" in the review page tests.
/// </summary>
public sealed class StaticFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _loop;

    public StaticFileServer(string root)
    {
        _root = Path.GetFullPath(root);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
            var path = Path.GetFullPath(Path.Combine(_root, relative));
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                return;
            }
            var bytes = File.ReadAllBytes(path);
            response.ContentType = Path.GetExtension(path) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".ogg" => "audio/ogg",
                ".wav" => "audio/wav",
                _ => "application/octet-stream",
            };
            response.Headers["Accept-Ranges"] = "bytes";
            long from = 0, to = bytes.Length - 1;
            if (context.Request.Headers["Range"] is { } range && range.StartsWith("bytes=", StringComparison.Ordinal))
            {
                var parts = range["bytes=".Length..].Split('-');
                from = parts[0].Length > 0 ? long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
                if (parts.Length > 1 && parts[1].Length > 0)
                    to = Math.Min(to, long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {from}-{to}/{bytes.Length}";
            }
            response.ContentLength64 = to - from + 1;
            response.OutputStream.Write(bytes, (int)from, (int)(to - from + 1));
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
