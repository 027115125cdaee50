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

    public static async Task<ServerSide> MeasureAsync(IServiceProvider services, string? unavailable, int encounters, ProcessCpu before, CancellationToken ct)
    {
        var after = ProcessCpu.Now();
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

/// <summary>CPU seconds of the local PostgreSQL and RabbitMQ processes (null when none runs on this machine).</summary>
internal sealed record ProcessCpu(double? PostgresSeconds, double? RabbitMqSeconds)
{
    public static ProcessCpu Now()
    {
        if (!Directory.Exists("/proc"))
            return new ProcessCpu(null, null);
        double? postgres = null, rabbit = null;
        var tick = 100.0; // USER_HZ: 100 on every Linux this runs on
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
                continue;
            try
            {
                var comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                var group = comm.StartsWith("postgres", StringComparison.Ordinal) ? 0 : comm.StartsWith("beam", StringComparison.Ordinal) ? 1 : -1;
                if (group < 0)
                    continue;
                // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / tick;
                if (group == 0)
                    postgres = (postgres ?? 0) + seconds;
                else
                    rabbit = (rabbit ?? 0) + seconds;
            }
            catch (IOException)
            {
                // The process ended between listing and reading.
            }
        }
        return new ProcessCpu(postgres, rabbit);
    }
}
