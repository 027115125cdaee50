using Coding.Core.Codebooks;
using Microsoft.Playwright;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// Debian's chromium driven by Playwright's .NET driver (shipped inside its NuGet package). Never a downloaded browser:
/// this network cannot reach one, and the flags keep chromium from trying to phone home. A fresh profile per context.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;
    private readonly List<(IBrowserContext Context, string Profile)> _contexts = [];

    private Browser(IPlaywright playwright) => _playwright = playwright;

    public static string ScreenshotDirectory { get; } = Path.Combine(
        CodebookSources.FindRepoRoot(AppContext.BaseDirectory) ?? AppContext.BaseDirectory, "artifacts", "test", "screenshots");

    public static async Task<Browser> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/infra.sh install (it installs Debian's chromium)");
        Directory.CreateDirectory(ScreenshotDirectory);
        return new Browser(await Playwright.CreateAsync());
    }

    /// <summary>A browser context of its own (own profile, own cookies) with one page, at the given base URL, in the given IANA time zone.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, string timeZone = "UTC")
    {
        var profile = Path.Combine(Path.GetTempPath(), "coding-chromium-" + Guid.NewGuid().ToString("N"));
        var context = await _playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Flags,
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-US",
            TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add((context, profile));
        return context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });

    public async ValueTask DisposeAsync()
    {
        foreach (var (context, profile) in _contexts)
        {
            await context.CloseAsync();
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // chromium may still be writing its profile as it exits; the temp folder is reclaimed anyway.
            }
        }
        _playwright.Dispose();
    }
}
