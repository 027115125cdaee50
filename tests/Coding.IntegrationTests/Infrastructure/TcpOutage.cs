using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay in front of PostgreSQL that a test can cut: while down it resets every new connection and has closed
/// every open one, which is what a worker sees of a database server that went away — for this test's worker only,
/// while the shared server keeps serving the rest (the harness's own queries go straight to it).
/// </summary>
internal sealed class TcpOutage : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private bool _down;
    private int _refused;

    private TcpOutage(IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections reset while down: each one a consumer or the circuit's probe knocking.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>A relay (up) to the server of <paramref name="connectionString"/>, and the same string pointed at the relay.</summary>
    public static (TcpOutage Relay, string ConnectionString) For(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var relay = new TcpOutage(new IPEndPoint(IPAddress.Loopback, builder.Port));
        builder.Port = relay.Port;
        return (relay, builder.ConnectionString);
    }

    public void Up()
    {
        lock (_gate)
            _down = false;
    }

    /// <summary>Closes every relayed connection; new ones are reset until <see cref="Up"/>.</summary>
    public void Down()
    {
        lock (_gate)
        {
            _down = true;
            foreach (var c in _open)
                c.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                bool down;
                lock (_gate)
                    down = _down;
                if (down)
                {
                    Interlocked.Increment(ref _refused);
                    client.Client.LingerState = new LingerOption(true, 0);   // RST: the client's read fails at once
                    client.Dispose();
                    continue;
                }
                var server = new TcpClient();
                await server.ConnectAsync(_target, _stop.Token);
                lock (_gate)
                {
                    _open.Add(client);
                    _open.Add(server);
                }
                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }
        from.Dispose();
        to.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        Down();
        _listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
