using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Coding.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// The API host with its database gone (a port nothing listens on): readiness answers 503 to every probe, and the
/// failure it logs each time is written once per <c>Logging:RepeatInterval</c>, not once per probe. A load balancer
/// probing every few seconds from several places made the API's share of issue 19's log storm.
/// </summary>
public sealed class when_the_api_loses_its_database
{
    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Capture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }

    [Fact]
    public async Task every_readiness_probe_fails_and_the_failure_is_logged_once_per_interval()
    {
        var capture = new Capture();
        await using var app = ApiApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Coding"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2",
                ["NoteProtection:ActiveKeyId"] = "k",
                ["NoteProtection:Keys:k"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["NoteProtection:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["DataProtection:KeysPath"] = Path.Combine(Path.GetTempPath(), "coding-test-keys-" + Guid.NewGuid().ToString("N")),
                // Longer than the test can take, so that every probe after the first falls in the first interval.
                ["Logging:RepeatInterval"] = "01:00:00",
            });
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders().AddProvider(capture);
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        const int probes = 20;
        for (var i = 0; i < probes; i++)
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        await app.StopAsync();

        var healthFailures = capture.Lines.Where(l => l.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal)
            && l.Text.Contains("Unhealthy", StringComparison.Ordinal)).ToList();
        Assert.Single(healthFailures);
        // Nothing else repeats per probe either: every line the host wrote is a different failure, each once.
        Assert.True(capture.Lines.Count < probes, $"{capture.Lines.Count} lines for {probes} probes:\n" + string.Join("\n", capture.Lines.Select(l => $"{l.Category}: {l.Text.Split('\n')[0]}")));
    }
}
