using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class MilestoneKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every milestone stored so far was a deadline; `catalogue load` then marks the events.
            migrationBuilder.AddColumn<string>(
                name: "kind",
                schema: "bifsof",
                table: "milestones",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "deadline");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "kind",
                schema: "bifsof",
                table: "milestones");
        }
    }
}
