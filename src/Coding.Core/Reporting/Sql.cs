using System.Data.Common;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Reporting;

/// <summary>
/// Aggregate SQL on the context's own connection. Reports are GROUP BY / percentile queries that LINQ would either
/// not translate or translate into something slower; the rows they return are counts, never note text.
/// </summary>
internal static class Sql
{
    public static async Task<List<T>> QueryAsync<T>(CodingDbContext db, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct))
                rows.Add(map(reader));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static double? NullableDouble(this DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset? NullableTime(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    /// <summary>A `timestamp without time zone` we produced with AT TIME ZONE 'UTC'.</summary>
    public static DateTimeOffset UtcHour(this DbDataReader r, int i) => new(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));
}
