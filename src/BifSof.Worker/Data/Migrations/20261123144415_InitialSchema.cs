using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "bifsof");

            migrationBuilder.CreateTable(
                name: "catalogue_addresses",
                schema: "bifsof",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    in_catalogue = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_addresses", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_users",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dashboard_users", x => x.id);
                    table.CheckConstraint("ck_dashboard_users_role", "role IN ('admin', 'viewer')");
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    business_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    to = table.Column<string[]>(type: "text[]", nullable: false),
                    cc = table.Column<string[]>(type: "text[]", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    html_body = table.Column<string>(type: "text", nullable: false),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lock_token = table.Column<Guid>(type: "uuid", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    server_reply = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "owners",
                schema: "bifsof",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    escalation_email = table.Column<string>(type: "text", nullable: true),
                    in_catalogue = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owners", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "population_rules",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    groups = table.Column<int[]>(type: "integer[]", nullable: false),
                    decision = table.Column<string>(type: "text", nullable: false),
                    in_catalogue = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "targets",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    kpi = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    decision = table.Column<string>(type: "text", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    in_catalogue = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_targets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_attachments",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    outbox_message_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_outbox_attachments_outbox_messages_outbox_message_id",
                        column: x => x.outbox_message_id,
                        principalSchema: "bifsof",
                        principalTable: "outbox_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "initiatives",
                schema: "bifsof",
                columns: table => new
                {
                    number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    part = table.Column<int>(type: "integer", nullable: false),
                    part_title = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    owner_key = table.Column<string>(type: "character varying(64)", nullable: false),
                    in_catalogue = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_initiatives", x => x.number);
                    table.ForeignKey(
                        name: "fk_initiatives_owners_owner_key",
                        column: x => x.owner_key,
                        principalSchema: "bifsof",
                        principalTable: "owners",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "milestones",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    initiative_number = table.Column<string>(type: "character varying(16)", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_text = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reported_by_owner = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<string>(type: "text", nullable: true),
                    in_catalogue = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_milestones", x => x.id);
                    table.ForeignKey(
                        name: "fk_milestones_initiatives_initiative_number",
                        column: x => x.initiative_number,
                        principalSchema: "bifsof",
                        principalTable: "initiatives",
                        principalColumn: "number",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dashboard_users_user_name",
                schema: "bifsof",
                table: "dashboard_users",
                column: "user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_owner_key",
                schema: "bifsof",
                table: "initiatives",
                column: "owner_key");

            migrationBuilder.CreateIndex(
                name: "ix_milestones_initiative_number",
                schema: "bifsof",
                table: "milestones",
                column: "initiative_number");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_attachments_outbox_message_id",
                schema: "bifsof",
                table: "outbox_attachments",
                column: "outbox_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_business_key",
                schema: "bifsof",
                table: "outbox_messages",
                column: "business_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_next_attempt_at",
                schema: "bifsof",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_targets_kpi_year_valid_from",
                schema: "bifsof",
                table: "targets",
                columns: new[] { "kpi", "year", "valid_from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_addresses",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "dashboard_users",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "milestones",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "outbox_attachments",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "population_rules",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "targets",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "initiatives",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "owners",
                schema: "bifsof");
        }
    }
}
