using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueSourcesAndBaselines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "note",
                schema: "bifsof",
                table: "milestones",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                schema: "bifsof",
                table: "milestones",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_quote",
                schema: "bifsof",
                table: "milestones",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "catalogue_baselines",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    kpi = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    target_group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    period = table.Column<string>(type: "text", nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    to_date = table.Column<DateOnly>(type: "date", nullable: false),
                    value = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    source_document = table.Column<string>(type: "text", nullable: false),
                    source_section = table.Column<string>(type: "text", nullable: false),
                    source_quote = table.Column<string>(type: "text", nullable: false),
                    in_catalogue = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_baselines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "milestone_states",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    milestone_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_text = table.Column<string>(type: "text", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    source_document = table.Column<string>(type: "text", nullable: false),
                    source_section = table.Column<string>(type: "text", nullable: false),
                    source_quote = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_milestone_states", x => x.id);
                    table.ForeignKey(
                        name: "fk_milestone_states_milestones_milestone_id",
                        column: x => x.milestone_id,
                        principalSchema: "bifsof",
                        principalTable: "milestones",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_milestone_states_milestone_id_sequence",
                schema: "bifsof",
                table: "milestone_states",
                columns: new[] { "milestone_id", "sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_baselines",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "milestone_states",
                schema: "bifsof");

            migrationBuilder.DropColumn(
                name: "note",
                schema: "bifsof",
                table: "milestones");

            migrationBuilder.DropColumn(
                name: "outcome",
                schema: "bifsof",
                table: "milestones");

            migrationBuilder.DropColumn(
                name: "source_quote",
                schema: "bifsof",
                table: "milestones");
        }
    }
}
