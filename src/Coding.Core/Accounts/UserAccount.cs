using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Accounts;

/// <summary>A local sign-in for a single site without an identity provider. The password is stored only as a salted PBKDF2 hash.</summary>
public class UserAccount
{
    public Guid Id { get; set; }

    /// <summary>Sign-in name, compared case-insensitively (stored lower-case).</summary>
    public required string Name { get; set; }

    public required string Role { get; set; }

    /// <summary><see cref="PasswordHashing"/> format: algorithm, iterations, salt and hash.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Consecutive failed sign-ins; reset by a successful one.</summary>
    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>
    /// Changes whenever the sessions signed in before must end (sign-out, new password or role, disabled); every session
    /// carries the stamp it was signed in with and is refused once it differs.
    /// </summary>
    public required string SecurityStamp { get; set; }

    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> e)
    {
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.Name).HasMaxLength(64);
        e.Property(x => x.Role).HasMaxLength(16);
        e.Property(x => x.PasswordHash).HasMaxLength(256);
        e.Property(x => x.SecurityStamp).HasMaxLength(64);
    }
}
