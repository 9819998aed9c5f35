using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <summary>
    /// The fingerprint of the key the stored pseudonyms were made with (Hosting/StartupChecks): not part of the EF
    /// model, only read and written by the start-up check.
    /// </summary>
    [DbContext(typeof(BifSofDbContext))]
    [Migration("20261124030000_KeyFingerprints")]
    public partial class KeyFingerprints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE TABLE bifsof.key_fingerprints (
                    purpose text PRIMARY KEY,
                    fingerprint text NOT NULL,
                    recorded_at timestamp with time zone NOT NULL
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE bifsof.key_fingerprints;");
        }
    }
}
