using Coding.Core.Codebooks;
using Microsoft.Playwright;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET, headless. No browser is ever downloaded: the executable is the
/// system's (/usr/bin/chromium, or CODING_CHROMIUM). Each test user gets a context of their own (own cookies), and
/// screenshots go to artifacts/test/screenshots/ at the repository root.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(
        CodebookSources.FindRepoRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory(), "artifacts", "test", "screenshots");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // Launch (not a persistent context) gives every run a fresh temporary user-data-dir that Playwright deletes.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CODING_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh context (own cookies) with a page signed in through the real sign-in form.</summary>
    public async Task<IPage> SignedInAsync(ApiHost api, string name)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = api.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin.html");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", api.Passwords[name]);
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync(url => !url.Contains("/signin.html", StringComparison.Ordinal));
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
