using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <summary>Personal API tokens (stored as SHA-256 hashes only) and the audit trail of sign-ins and admin
    /// actions. Plain SQL, read and written with Npgsql, so the EF model snapshot does not change.</summary>
    public partial class SecurityTokensAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create table api_tokens (
                    id bigint generated always as identity primary key,
                    user_id text not null references "AspNetUsers" ("Id") on delete cascade,
                    name text not null check (length(name) between 1 and 100),
                    token_hash bytea not null unique check (length(token_hash) = 32),
                    created_at timestamptz not null default now(),
                    last_used_at timestamptz,
                    expires_at timestamptz,
                    revoked_at timestamptz
                );
                create index api_tokens_user on api_tokens (user_id);

                create table audit_events (
                    id bigint generated always as identity primary key,
                    at timestamptz not null default now(),
                    user_name text,
                    action text not null,
                    target text,
                    detail text,
                    client_ip text,
                    auth_method text
                );
                create index audit_events_at on audit_events (at desc);
                create index audit_events_user on audit_events (user_name, at desc);
                create index audit_events_action on audit_events (action, at desc);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop table audit_events; drop table api_tokens;");
        }
    }
}
