import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Auth } from '#auth';
import { AgenciesService, toAgencyView } from '#domain';
import { Trim } from '../common/trim.js';

export class CreateAgencyDto {
  @Trim() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'code must be lower-case letters, digits and dashes' })
  code: string;

  @Trim() @IsString() @IsNotEmpty() @MaxLength(200)
  nameZh: string;

  @Trim() @IsString() @IsNotEmpty() @MaxLength(300)
  nameEn: string;

  @IsOptional() @IsUUID('all', { message: 'parentId must be an agency id' })
  parentId?: string;

  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string;
}

@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  async list() {
    const items = await this.agencies.list();
    return { items, total: items.length };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toAgencyView(await this.agencies.get(id));
  }

  @Post()
  @Auth('admin')
  create(@Body() dto: CreateAgencyDto) {
    return this.agencies.create(dto);
  }
}
