import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserService } from '@kaari/access/user.service.js';
import { Roles } from '../http/auth.guard.js';
import { UserView } from './access-views.dto.js';
import { UserDto } from './dto.js';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ApiOkResponse({ type: [UserView] })
  list() {
    return this.users.list();
  }

  @Get(':username')
  @ApiOkResponse({ type: UserView })
  get(@Param('username') username: string) {
    return this.users.view(username);
  }

  @Post()
  @ApiCreatedResponse({ type: UserView })
  create(@Body() body: UserDto) {
    return this.users.create(body);
  }

  @Put(':username')
  @ApiOkResponse({ type: UserView })
  update(@Param('username') username: string, @Body() body: UserDto) {
    return this.users.update(username, body);
  }
}
