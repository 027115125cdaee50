using System.Globalization;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Coding.Cli.Bench;

/// <summary>One statement's share of the database's time during the timed run (pg_stat_statements).</summary>
internal sealed record DbStatement(string Query, long Calls, double TotalMs, double MsPerCall);

/// <summary>
/// What the servers did for the run: PostgreSQL's statement times (pg_stat_statements, when the server preloads it, as
/// scripts/infra.sh configures) and, when they run on this machine, the CPU of the PostgreSQL and RabbitMQ processes.
/// The worker's own CPU says nothing about a slow query; this is what found the one that numbered every note per message.
/// </summary>
internal sealed record ServerSide(
    string? StatementsUnavailable,
    double DbExecMsPerEncounter,
    IReadOnlyList<DbStatement> TopStatements,
    double? PostgresCpuMsPerEncounter,
    double? RabbitMqCpuMsPerEncounter)
{
    /// <summary>Starts the statement counters afresh; returns why they cannot be read, or null.</summary>
    public static async Task<string?> ResetAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        try
        {
            await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_stat_statements_reset()", ct);
            return null;
        }
        catch (PostgresException e)
        {
            // 55000: not in shared_preload_libraries; 42501: not allowed to create the extension. The run goes on.
            return $"pg_stat_statements unavailable ({e.SqlState}): add it to shared_preload_libraries to see statement times";
        }
    }

    public static async Task<ServerSide> MeasureAsync(IServiceProvider services, string? unavailable, int encounters, int? postmaster, ProcessCpu before, CancellationToken ct)
    {
        var after = ProcessCpu.Now(postmaster);
        double? PerEncounter(Func<ProcessCpu, double?> f) =>
            f(after) is { } a && f(before) is { } b ? Math.Round((a - b) * 1000 / encounters, 2) : null;
        var postgres = PerEncounter(c => c.PostgresSeconds);
        var rabbit = PerEncounter(c => c.RabbitMqSeconds);
        if (unavailable is not null)
            return new ServerSide(unavailable, 0, [], postgres, rabbit);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        // Column names in snake_case: the model's naming convention applies to raw query results too.
        var rows = await db.Database.SqlQueryRaw<DbStatement>("""
            SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query, calls,
                   round(total_exec_time::numeric, 1)::float8 AS total_ms, round((total_exec_time / greatest(calls, 1))::numeric, 3)::float8 AS ms_per_call
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC
            """).ToListAsync(ct);
        return new ServerSide(null, Math.Round(rows.Sum(r => r.TotalMs) / encounters, 3), rows.Take(8).ToList(), postgres, rabbit);
    }
}

/// <summary>
/// CPU seconds of this database's PostgreSQL server (its postmaster and every process it forked) and of the RabbitMQ
/// node, when they run on this machine. Other clusters on the machine (another checkout's) are not counted; with more
/// than one RabbitMQ node running, none is attributed (null).
/// </summary>
internal sealed record ProcessCpu(double? PostgresSeconds, double? RabbitMqSeconds)
{
    /// <summary>The postmaster of the server behind this database connection, when that server is a local process.</summary>
    public static async Task<int?> PostmasterAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync(ct);
        return Stat(backend) is { } stat ? stat.ParentPid : null;
    }

    public static ProcessCpu Now(int? postmaster)
    {
        if (!Directory.Exists("/proc"))
            return new ProcessCpu(null, null);
        double? postgres = null;
        var rabbit = new List<double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } stat)
                continue;
            if (postmaster is { } pm && (pid == pm || stat.ParentPid == pm))
                postgres = (postgres ?? 0) + stat.CpuSeconds;
            else if (stat.Name.StartsWith("beam", StringComparison.Ordinal))
                rabbit.Add(stat.CpuSeconds);
        }
        return new ProcessCpu(postgres, rabbit.Count == 1 ? rabbit[0] : null);
    }

    private sealed record ProcStat(string Name, int ParentPid, double CpuSeconds);

    private static ProcStat? Stat(int pid)
    {
        try
        {
            // "pid (name) state ppid ..." — the name may hold spaces, so fields are counted after the last ')':
            // state, ppid, ... utime and stime are the 12th and 13th after it. Ticks are USER_HZ, 100 on Linux.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcStat(stat[(open + 1)..close], int.Parse(fields[1], CultureInfo.InvariantCulture), ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // ended meanwhile, or not ours to read
        }
    }
}
