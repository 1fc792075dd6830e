using System.Net;
using CtcAlign.Cli.Cluster;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// Serves Hangfire's dashboard with Kestrel on loopback addresses only (anything else is refused before listening),
/// and only to local requests; read-only unless --allow-actions. Runs until Ctrl+C.
/// </summary>
public sealed class DashboardCommand(DashboardOptions options) : IVerbCommand
{
    public async Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        var urls = CheckLoopback(options.Urls);
        var storage = ClusterStorage.Open(options.Database, "dashboard");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. urls]);
        builder.Services.AddHangfire(_ => { });
        await using var app = builder.Build();
        app.UseHangfireDashboard("", new Hangfire.DashboardOptions
        {
            Authorization = [new LocalRequestsOnlyAuthorizationFilter()],
            IsReadOnlyFunc = _ => !options.AllowActions,
            DashboardTitle = "ctcalign cluster",
            AppPath = null,
        }, storage);
        await app.StartAsync(cancellationToken);
        console.Out.WriteLine($"dashboard of {Storage.PostgresConnectionString.Redact(options.Database)} at {string.Join(", ", urls)} "
            + $"({(options.AllowActions ? "actions allowed" : "read-only")}; Ctrl+C stops)");
        console.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Cancelled;
    }

    /// <summary>The --urls, each an http URL on a loopback address; anything else is a one-line error.</summary>
    internal static IReadOnlyList<string> CheckLoopback(string urls)
    {
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0)
            throw new CtcAlignException("--urls is empty");
        foreach (var url in list)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new CtcAlignException($"--urls: '{url}' is not an http URL (like http://127.0.0.1:5080)");
            var host = uri.Host.Trim('[', ']');
            var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
            if (!loopback)
                throw new CtcAlignException($"--urls: '{url}' is not a loopback address; the dashboard listens on 127.0.0.1, [::1] or localhost only "
                    + "(reach it from another machine through an SSH tunnel: ssh -L 5080:127.0.0.1:5080 HOST)");
        }
        return list;
    }
}
