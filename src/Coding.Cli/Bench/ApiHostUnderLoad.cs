using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coding.Cli.Bench;

/// <summary>
/// A real Coding.Api process beside the workers during the load run, scraped every few seconds on /metrics and
/// /health/ready the way Prometheus and a load balancer would: its memory and CPU are part of what a site runs, and
/// /metrics computes its gauges from the same database the workers are busy writing to.
/// </summary>
internal sealed class ApiHostUnderLoad : IAsyncDisposable
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(5);

    private readonly WorkerProcess _process;
    private readonly HttpClient _http;
    private readonly List<double> _scrapeMs = [];
    private TimeSpan _cpuAtStart;
    private int _failed;

    private ApiHostUnderLoad(WorkerProcess process, HttpClient http)
    {
        _process = process;
        _http = http;
    }

    /// <param name="settings">The workers' configuration (database, secrets): the API host must see the same database.</param>
    public static async Task<ApiHostUnderLoad> StartAsync(string apiDll, string logFile, IReadOnlyDictionary<string, string?> settings, CancellationToken ct)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var process = WorkerProcess.Start(apiDll, logFile, new Dictionary<string, string?>(settings) { ["ASPNETCORE_URLS"] = url });
        var host = new ApiHostUnderLoad(process, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) });
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await host._http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct)).IsSuccessStatusCode)
                    break;
            }
            catch (HttpRequestException)
            {
            }
            // A host that fails its start-up validation (keys not configured, say) exits at once: say so, not after 2 minutes.
            if (process.ExitCode is { } code)
                throw new InvalidOperationException($"the API host exited with code {code} before it was ready (see {logFile})");
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException($"the API host did not become ready in 2 minutes (see {logFile})");
            await Task.Delay(250, ct);
        }
        return host;
    }

    /// <summary>Scrapes until cancelled; the CPU clock for <see cref="Measure"/> starts here.</summary>
    public async Task ScrapeAsync(CancellationToken ct)
    {
        _cpuAtStart = _process.CpuTime;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    using var metrics = await _http.GetAsync(new Uri("/metrics", UriKind.Relative), ct);
                    using var ready = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                    if (metrics.StatusCode != HttpStatusCode.OK || ready.StatusCode != HttpStatusCode.OK)
                        _failed++;
                    else
                        _scrapeMs.Add(clock.Elapsed.TotalMilliseconds);
                }
                catch (HttpRequestException)
                {
                    _failed++;
                }
                await Task.Delay(ScrapeInterval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public ApiUnderLoad Measure(int encounters)
    {
        var sorted = _scrapeMs.Order().ToList();
        var p95 = sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return new ApiUnderLoad(_process.PeakRssMb, Math.Round((_process.CpuTime - _cpuAtStart).TotalMilliseconds / encounters, 3),
            sorted.Count, _failed, Math.Round(p95, 1));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
