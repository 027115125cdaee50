using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// /metrics and /v1/chat/completions take no session: without their keys (Metrics:ApiKey, Model:ServeApiKey) they serve
/// loopback callers only. Proven with a real non-loopback caller: the API host listens on this machine's own network
/// address and the client connects to it there, so the server sees that address, not 127.0.0.1, as the remote end.
/// </summary>
public sealed class when_machine_endpoints_are_called_from_another_address(ApiHost loopback, NetworkAddressApiHost network)
    : IClassFixture<ApiHost>, IClassFixture<NetworkAddressApiHost>
{
    private static readonly string[] MachineEndpoints = ["/metrics", "/v1/chat/completions"];

    private static HttpRequestMessage Request(string path, string? forwardedFor = null)
    {
        var request = path == "/metrics"
            ? new HttpRequestMessage(HttpMethod.Get, path)
            : new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("""{"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json") };
        if (forwardedFor is not null)
        {
            // A caller claiming, through a proxy's headers, to be loopback: the host trusts no forwarded headers.
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            request.Headers.Add("X-Real-IP", forwardedFor);
            request.Headers.Add("Forwarded", $"for={forwardedFor}");
        }
        return request;
    }

    [NetworkAddressFact]
    public async Task a_caller_from_a_non_loopback_address_is_refused_even_claiming_to_be_forwarded_from_loopback()
    {
        Assert.False(IPAddress.IsLoopback(IPAddress.Parse(network.BaseAddress.Host)), $"{network.BaseAddress} is a loopback address");
        using var client = network.Anonymous();
        foreach (var path in MachineEndpoints)
        {
            using var plain = await client.SendAsync(Request(path));
            using var forwarded = await client.SendAsync(Request(path, forwardedFor: "127.0.0.1"));
            Assert.True(plain.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)plain.StatusCode}");
            Assert.True(forwarded.StatusCode == HttpStatusCode.Unauthorized, $"{path} with forwarded headers: {(int)forwarded.StatusCode}");
        }
    }

    [Fact]
    public async Task a_loopback_caller_passes_the_gate()
    {
        using var client = loopback.Anonymous();
        using var metrics = await client.SendAsync(Request("/metrics"));
        using var chat = await client.SendAsync(Request("/v1/chat/completions"));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        // Past the gate: this host runs no llama backend, and says so.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, chat.StatusCode);
        Assert.Contains("no llama backend", await chat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The API host listening on this machine's first non-loopback IPv4 address (see <see cref="NetworkAddressFactAttribute"/>).</summary>
public sealed class NetworkAddressApiHost : ApiHost
{
    public static readonly IPAddress? Address = NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    protected override string ListenUrl => $"http://{Address ?? IPAddress.Loopback}:0";
}

/// <summary>A fact skipped, saying why, only on a machine with no network address but loopback.</summary>
public sealed class NetworkAddressFactAttribute : FactAttribute
{
    public NetworkAddressFactAttribute()
    {
        if (NetworkAddressApiHost.Address is null)
            Skip = "this machine has no non-loopback IPv4 address to call from";
    }
}
