using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class MilestoneAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "milestone_answers",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    milestone_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    owner_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    new_due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    previous_due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_milestone_answers", x => x.id);
                    table.ForeignKey(
                        name: "fk_milestone_answers_milestones_milestone_id",
                        column: x => x.milestone_id,
                        principalSchema: "bifsof",
                        principalTable: "milestones",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_milestone_answers_milestone_id_answered_at",
                schema: "bifsof",
                table: "milestone_answers",
                columns: new[] { "milestone_id", "answered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "milestone_answers",
                schema: "bifsof");
        }
    }
}
