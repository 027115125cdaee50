using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Coding.Core.Severity;

public sealed record SeverityImportResult(SeverityListKind Kind, string Version, ReleaseOutcome Outcome, int Entries, int Exclusions,
    TimeSpan Elapsed, string Note);

/// <summary>
/// Loads the CMS severity lists found under the codebook source root: <c>msdrg-vNN/appendix_C_cc_mcc.txt</c> (MS-DRG
/// version NN serves fiscal year 1983 + NN) and <c>cms-hcc-YYYY/</c> (payment year YYYY, model V28). Each version goes
/// in inside one transaction; the same files again are skipped, changed files replace that version only. The parsers
/// validate their counts (a row's "n codes" against its collection, every HCC labelled) and a file that fails is
/// refused with the reason, leaving what was stored. Runs as the schema owner, like the codebook import.
/// </summary>
public sealed partial class SeverityImporter([FromKeyedServices(Database.Owner)] CodingDbContext db, TimeProvider clock)
{
    /// <summary>Bumped when the importer's output changes for the same files, so a re-import replaces the stored versions.</summary>
    public const string ImporterVersion = "severity-importer-1";

    public const string AppendixCFile = "appendix_C_cc_mcc.txt";

    [GeneratedRegex(@"^msdrg-v(?<v>\d{2})$")]
    private static partial Regex MsDrgFolder();

    [GeneratedRegex(@"^cms-hcc-(?<y>\d{4})$")]
    private static partial Regex HccFolder();

    public async Task<IReadOnlyList<SeverityImportResult>> ImportAsync(string sourceRoot, CancellationToken ct)
    {
        var results = new List<SeverityImportResult>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ExecAsync(connection, "SELECT pg_advisory_lock(727002)", ct);
            foreach (var dir in Directory.EnumerateDirectories(sourceRoot).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (MsDrgFolder().Match(name) is { Success: true } m && File.Exists(Path.Combine(dir, AppendixCFile)))
                    results.Add(await ImportCcMccAsync(connection, Path.Combine(dir, AppendixCFile),
                        int.Parse(m.Groups["v"].ValueSpan, CultureInfo.InvariantCulture), ct));
                else if (HccFolder().Match(name) is { Success: true } h && File.Exists(Path.Combine(dir, HccFilesParser.MappingFile)))
                    results.Add(await ImportHccAsync(connection, dir, int.Parse(h.Groups["y"].ValueSpan, CultureInfo.InvariantCulture), ct));
            }
            return results;
        }
        finally
        {
            SeverityLookup.InvalidateCache();
            await ExecAsync(connection, "SELECT pg_advisory_unlock(727002)", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>MS-DRG vNN is the grouper of fiscal year 1983 + NN (v43 = FY2026: 2025-10-01 to 2026-09-30).</summary>
    public static (DateOnly From, DateOnly To) MsDrgEffective(int version) => (new(1983 + version - 1, 10, 1), new(1983 + version, 9, 30));

    /// <summary>
    /// Payment year Y scores diagnoses from dates of service in Y − 1; a release also serves dates in Y until the next
    /// year's mapping is loaded, so it runs from Y − 1 to the end of Y.
    /// </summary>
    public static (DateOnly From, DateOnly To) HccEffective(int paymentYear) => (new(paymentYear - 1, 1, 1), new(paymentYear, 12, 31));

    private async Task<SeverityImportResult> ImportCcMccAsync(NpgsqlConnection connection, string file, int version, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var label = $"v{version}";
        var hash = Hash([file]);
        var (existingId, existingHash) = await ExistingAsync(connection, SeverityListKind.CcMcc, label, ct);
        if (existingHash == hash)
            return new(SeverityListKind.CcMcc, label, ReleaseOutcome.Unchanged, 0, 0, sw.Elapsed, "same file as the stored release");
        AppendixC appendix;
        try { appendix = AppendixCParser.ReadFile(file); }
        catch (FormatException e)
        {
            return new(SeverityListKind.CcMcc, label, ReleaseOutcome.Refused, 0, 0, sw.Elapsed, $"{Path.GetFileName(file)}: {e.Message}");
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        if (existingId is { } old) await ExecAsync(connection, $"DELETE FROM severity_releases WHERE id = {old}", ct);
        var (from, to) = MsDrgEffective(version);
        var id = await InsertReleaseAsync(connection, SeverityListKind.CcMcc, label, from, to, Path.GetFileName(file), hash,
            appendix.Entries.Count, appendix.ExclusionRows, ct);
        await CopyAsync(connection, "cc_mcc_codes (release_id, code, level, pdx_collection, discharged_alive_only)", id, appendix.Entries, async (w, e) =>
        {
            await w.WriteAsync(e.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(e.Level.ToString(), NpgsqlDbType.Varchar, ct);
            if (e.PdxCollection is { } c) await w.WriteAsync(c, NpgsqlDbType.Integer, ct); else await w.WriteNullAsync(ct);
            await w.WriteAsync(e.DischargedAliveOnly, NpgsqlDbType.Boolean, ct);
        }, ct);
        var exclusions = appendix.Collections.SelectMany(e => e.Value.Distinct(StringComparer.Ordinal).Select(code => (Collection: e.Key, Code: code)));
        await CopyAsync(connection, "pdx_exclusions (release_id, collection, code)", id, exclusions, async (w, e) =>
        {
            await w.WriteAsync(e.Collection, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(e.Code, NpgsqlDbType.Varchar, ct);
        }, ct);
        await tx.CommitAsync(ct);
        return new(SeverityListKind.CcMcc, label, existingId is null ? ReleaseOutcome.Imported : ReleaseOutcome.Replaced,
            appendix.Entries.Count, appendix.ExclusionRows, sw.Elapsed, Path.GetFileName(file));
    }

    private async Task<SeverityImportResult> ImportHccAsync(NpgsqlConnection connection, string folder, int paymentYear, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var label = $"V28 PY{paymentYear}";
        var files = new[] { HccFilesParser.MappingFile, HccFilesParser.HierarchyFile, HccFilesParser.LabelFile, HccFilesParser.CoefficientFile }
            .Select(f => Path.Combine(folder, f)).ToList();
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            return new(SeverityListKind.Hcc, label, ReleaseOutcome.Refused, 0, 0, sw.Elapsed, $"{Path.GetFileName(missing)} is missing");
        var hash = Hash(files);
        var (existingId, existingHash) = await ExistingAsync(connection, SeverityListKind.Hcc, label, ct);
        if (existingHash == hash)
            return new(SeverityListKind.Hcc, label, ReleaseOutcome.Unchanged, 0, 0, sw.Elapsed, "same files as the stored release");
        HccModel model;
        try { model = HccFilesParser.ReadFolder(folder, paymentYear); }
        catch (FormatException e)
        {
            return new(SeverityListKind.Hcc, label, ReleaseOutcome.Refused, 0, 0, sw.Elapsed, e.Message);
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        if (existingId is { } old) await ExecAsync(connection, $"DELETE FROM severity_releases WHERE id = {old}", ct);
        var (from, to) = HccEffective(paymentYear);
        var id = await InsertReleaseAsync(connection, SeverityListKind.Hcc, label, from, to,
            string.Join(", ", files.Select(Path.GetFileName)), hash, model.Mappings.Count, model.Hierarchies.Count, ct);
        await CopyAsync(connection, "hcc_mappings (release_id, code, hcc)", id, model.Mappings, async (w, m) =>
        {
            await w.WriteAsync(m.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(m.Hcc, NpgsqlDbType.Integer, ct);
        }, ct);
        await CopyAsync(connection, "hcc_hierarchies (release_id, parent, child)", id, model.Hierarchies, async (w, h) =>
        {
            await w.WriteAsync(h.Parent, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(h.Child, NpgsqlDbType.Integer, ct);
        }, ct);
        await CopyAsync(connection, "hcc_categories (release_id, hcc, label, factor)", id, model.Labels, async (w, l) =>
        {
            await w.WriteAsync(l.Key, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(l.Value.Label, NpgsqlDbType.Varchar, ct);
            if (l.Value.Factor is { } f) await w.WriteAsync(f, NpgsqlDbType.Double, ct); else await w.WriteNullAsync(ct);
        }, ct);
        await tx.CommitAsync(ct);
        return new(SeverityListKind.Hcc, label, existingId is null ? ReleaseOutcome.Imported : ReleaseOutcome.Replaced,
            model.Mappings.Count, model.Hierarchies.Count, sw.Elapsed, $"{model.Labels.Count} HCCs labelled");
    }

    /// <summary>One binary COPY into <paramref name="target"/> (table and columns): the release id, then what <paramref name="write"/> writes.</summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, int releaseId, IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(releaseId, NpgsqlDbType.Integer, ct);
            await write(w, row);
        }
        await w.CompleteAsync(ct);
    }

    private static string Hash(IEnumerable<string> files)
    {
        var sb = new StringBuilder(ImporterVersion);
        foreach (var f in files)
        {
            using var stream = File.OpenRead(f);
            sb.Append('|').Append(Path.GetFileName(f)).Append(':').Append(Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static async Task<(int? Id, string? Hash)> ExistingAsync(NpgsqlConnection connection, SeverityListKind kind, string version,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id, content_hash FROM severity_releases WHERE kind = @k AND version = @v", connection);
        cmd.Parameters.AddWithValue("k", kind.ToString());
        cmd.Parameters.AddWithValue("v", version);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt32(0), reader.GetString(1)) : (null, null);
    }

    private async Task<int> InsertReleaseAsync(NpgsqlConnection connection, SeverityListKind kind, string version, DateOnly from, DateOnly to,
        string source, string hash, int entries, int exclusions, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO severity_releases (kind, version, effective_from, effective_to, source, content_hash, entry_count, exclusion_count, imported_at)
            VALUES (@k, @v, @f, @t, @s, @h, @e, @x, @at) RETURNING id
            """, connection);
        cmd.Parameters.AddWithValue("k", kind.ToString());
        cmd.Parameters.AddWithValue("v", version);
        cmd.Parameters.AddWithValue("f", from);
        cmd.Parameters.AddWithValue("t", to);
        cmd.Parameters.AddWithValue("s", source);
        cmd.Parameters.AddWithValue("h", hash);
        cmd.Parameters.AddWithValue("e", entries);
        cmd.Parameters.AddWithValue("x", exclusions);
        cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
