using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class SharedCitizenFirstMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_shared_citizens_pseudonym_month",
                schema: "bifsof",
                table: "shared_citizens",
                columns: new[] { "pseudonym", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_shared_citizens_pseudonym_month",
                schema: "bifsof",
                table: "shared_citizens");
        }
    }
}
