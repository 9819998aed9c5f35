using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <summary>
    /// Failed dashboard sign-ins, shared by every worker on the database (Features/Accounts/LoginFailures): one row per
    /// account and client address, and one per address alone (account ''). Not part of the EF model, only read and
    /// written in SQL.
    /// </summary>
    [DbContext(typeof(BifSofDbContext))]
    [Migration("20261124033000_LoginFailures")]
    public partial class LoginFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE TABLE bifsof.login_failures (
                    account text NOT NULL,
                    address text NOT NULL,
                    failures integer NOT NULL,
                    window_start timestamp with time zone NOT NULL,
                    blocked_until timestamp with time zone NULL,
                    PRIMARY KEY (account, address)
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE bifsof.login_failures;");
        }
    }
}
