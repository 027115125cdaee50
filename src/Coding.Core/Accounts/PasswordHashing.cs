using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Cryptography;

namespace Coding.Core.Accounts;

/// <summary>
/// Salted, iterated password hashes (PBKDF2-HMAC-SHA512, the construction ASP.NET Core Identity's PasswordHasher uses),
/// written as <c>pbkdf2-sha512$iterations$salt$hash</c> so the work factor can be raised later without breaking old hashes.
/// </summary>
public static class PasswordHashing
{
    private const string Algorithm = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA512: ~0.1 s on one core, paid once per sign-in.</summary>
    public const int DefaultIterations = 210_000;

    /// <summary>The meter sign-in work is counted on (System.Diagnostics.Metrics: any exporter or listener can read it).</summary>
    public const string MeterName = "Coding.Accounts";

    private static readonly Meter Meter = new(MeterName);

    // Every sign-in answer must cost the same hash work whichever way it fails (a timing oracle otherwise): counting the
    // verifications with their work factor lets that be checked without a stopwatch.
    private static readonly Counter<long> Verifications = Meter.CreateCounter<long>("coding.accounts.password_verifications",
        description: "Password hashes computed to verify a sign-in, tagged with their iteration count");

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Join('$', Algorithm, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
            return false;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        Verifications.Add(1, new KeyValuePair<string, object?>("iterations", iterations));
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A random password for generated accounts (demo, CLI): 18 bytes of entropy, URL-safe.</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
