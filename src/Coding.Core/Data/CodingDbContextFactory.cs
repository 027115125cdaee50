using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Coding.Core.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting a host.</summary>
internal sealed class CodingDbContextFactory : IDesignTimeDbContextFactory<CodingDbContext>
{
    public CodingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CodingDbContext>();
        Database.Configure(options, Environment.GetEnvironmentVariable("CODING_PG_OWNER") ?? "Host=127.0.0.1;Port=27432;Database=coding;Username=coding_owner");
        return new CodingDbContext(options.Options);
    }
}
