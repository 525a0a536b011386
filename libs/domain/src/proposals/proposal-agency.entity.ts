import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Agencies the proposer suggests, lead first. */
@Entity({ name: 'proposal_agencies' })
export class ProposalAgency {
  @PrimaryColumn({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @PrimaryColumn({ name: 'agency_id', type: 'char', length: 36 })
  agencyId: string;

  @Column({ type: 'int' })
  position: number;
}
