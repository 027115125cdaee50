namespace Coding.Api.Dashboard;

/// <summary>
/// Who may scrape /metrics. Without <see cref="ApiKey"/> only loopback callers are served (a Prometheus or agent on
/// the same host); with it, every caller must send <c>Authorization: Bearer &lt;key&gt;</c> (Prometheus'
/// <c>authorization.credentials</c>), loopback included — behind a reverse proxy on the same host everyone looks like
/// loopback, so a key is the only safe setting there.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public string? ApiKey { get; set; }

    /// <summary>Encounters coded this long ago are settled (their transaction committed) and go into the latency histogram.</summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(5);
}
