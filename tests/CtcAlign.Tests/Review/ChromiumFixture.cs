using Microsoft.Playwright;

namespace CtcAlign.Tests.Review;

/// <summary>
/// Debian's chromium (/usr/bin/chromium, installed by tools/install-test-deps.sh) driven by Playwright, headless and
/// kept off the network: every host name fails to resolve, background services are off. Playwright downloads no
/// browser of its own. A missing chromium fails the tests; it does not skip them.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"The browser tests need {ExecutablePath}: run tools/install-test-deps.sh (apt-get install chromium).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-background-networking", "--disable-component-update",
                "--disable-domain-reliability", "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-breakpad",
                "--metrics-recording-only", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>Opens <paramref name="url"/> in a fresh context and waits for the page script to finish; collects console errors, uncaught errors, dialogs and every request.</summary>
    public async Task<OpenedPage> OpenAsync(string url, int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var opened = new OpenedPage(context, page);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
                opened.Errors.Add($"console: {m.Text}");
        };
        page.PageError += (_, e) => opened.Errors.Add($"page error: {e}");
        page.Dialog += async (_, d) =>
        {
            opened.Errors.Add($"dialog: {d.Message}");
            await d.DismissAsync();
        };
        page.Request += (_, r) =>
        {
            lock (opened.Requests)
                opened.Requests.Add(r.Url);
        };
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("html[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return opened;
    }
}

public sealed class OpenedPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public List<string> Errors { get; } = [];

    public List<string> Requests { get; } = [];

    /// <summary>data-index of the table rows in the document, in their order (all of them for a short page; the table renders the rows near its scrolled-to window).</summary>
    public Task<int[]> RowOrderAsync() =>
        Page.EvalOnSelectorAllAsync<int[]>("#lines tbody tr.line", "rows => rows.map(r => Number(r.dataset.index))");

    public async Task<int?> SelectedAsync()
    {
        var s = await Page.EvaluateAsync<string?>("() => document.querySelector('#lines tr.selected')?.dataset.index ?? null");
        return s is null ? null : int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<AudioState> AudioAsync()
    {
        var json = await Page.EvaluateAsync<string>("() => { const a = document.getElementById('audio'); return JSON.stringify({ time: a.currentTime, paused: a.paused }); }");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return new AudioState(doc.RootElement.GetProperty("time").GetDouble(), doc.RootElement.GetProperty("paused").GetBoolean());
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}

public sealed record AudioState(double Time, bool Paused);
