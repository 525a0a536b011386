import { Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Auth, AuthVerified, CurrentUser, type AuthUser } from '#auth';
import { EndorsementsService } from '#domain';
import { IdParam } from '../common/id-param.js';

/** Endorsing a published proposal, and whether the signed-in account has. */
@Controller('proposals/:id/endorsements')
export class EndorsementsController {
  constructor(private readonly endorsements: EndorsementsService) {}

  /** 201 for a new endorsement, 200 when this account had already endorsed (count unchanged). */
  @Post()
  @AuthVerified()
  async endorse(@IdParam() id: string, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    const r = await this.endorsements.endorse(user.id, id);
    res.status(r.created ? 201 : 200);
    return { endorsed: true, endorsementCount: r.endorsementCount, status: r.status };
  }

  @Get('me')
  @Auth()
  async endorsedByMe(@IdParam() id: string, @CurrentUser() user: AuthUser) {
    return { endorsed: await this.endorsements.hasEndorsed(user.id, id) };
  }
}
