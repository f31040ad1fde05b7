import rule from '../../rules/no-nosql-injection.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const msg = (source: string, line: number, route: string | null, what: string): string =>
  `Request data (${source}, file.ts:${line}${route ? `, ${route}` : ''}) reaches ${what}: NoSQL operator injection. Cast the value (String(x), Number(x)), validate it (zod, joi, class-validator), or compare with $eq.`;

ruleTester.run('no-nosql-injection', rule.eslint!, {
  valid: [
    { code: "import mongoose from 'mongoose';\nconst User = mongoose.model('User');\napp.post('/a', async (req, res) => { await User.findOne({ email: String(req.body.email) }); });", filename: 'file.ts' },
    { code: "import mongoose from 'mongoose';\nconst User = mongoose.model('User');\napp.get('/a/:id', async (req, res) => { await User.findOne({ _id: req.params.id }); });", filename: 'file.ts' },
    { code: "import mongoose from 'mongoose';\nconst User = mongoose.model('User');\napp.post('/a', async (req, res) => { await User.findOne({ email: { $eq: req.body.email } }); });", filename: 'file.ts' },
    { code: "import mongoose from 'mongoose';\nconst User = mongoose.model('User');\napp.post('/a', async (req, res) => { const { email } = req.body; if (typeof email !== 'string') return res.sendStatus(400); await User.findOne({ email }); });", filename: 'file.ts' },
    { code: "import { User } from './models';\nimport { Op } from 'sequelize';\napp.post('/a', async (req, res) => { await User.findOne({ where: { email: req.body.email } }); });", filename: 'file.ts' },
    { code: "import Fastify from 'fastify';\nimport mongoose from 'mongoose';\nconst User = mongoose.model('User');\nconst fastify = Fastify();\nfastify.get('/f', async (request) => User.find({ name: request.query.name }));", filename: 'file.ts' },
  ],
  invalid: [
    { code: "import mongoose from 'mongoose';\nconst User = mongoose.model('User');\napp.post('/login', async (req, res) => { await User.findOne({ email: req.body.email, password: req.body.password }); });", filename: 'file.ts', errors: [{ message: msg("req.body.email", 3, "POST /login", "User.findOne()"), line: 3 }] },
    { code: "import mongoose from 'mongoose';\nconst User = mongoose.model('User');\napp.get('/u', async (req, res) => { const filter = { name: req.query.name }; await User.find(filter); });", filename: 'file.ts', errors: [{ message: msg("req.query.name", 3, "GET /u", "User.find()"), line: 3 }] },
    { code: "import mongoose from 'mongoose';\nconst Post = mongoose.model('Post');\napp.get('/p', async (req, res) => { await Post.find({ $where: `this.author == '${req.params.a}'` }); });", filename: 'file.ts', errors: [{ message: msg("req.params.a", 3, "GET /p", "Post.find()"), line: 3 }] },
    { code: "import { MongoClient } from 'mongodb';\nconst usersCollection = new MongoClient('mongodb://x').db().collection('users');\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.post('/k', async (ctx) => { await usersCollection.deleteMany(JSON.parse(ctx.request.body.filter)); });", filename: 'file.ts', errors: [{ message: msg("ctx.request.body.filter", 5, "POST /k", "usersCollection.deleteMany()"), line: 5 }] },
    { code: "import { Controller, Post, Body } from '@nestjs/common';\nimport { InjectModel } from '@nestjs/mongoose';\n@Controller('users')\nexport class UsersController {\n  constructor(@InjectModel('User') private userModel: any) {}\n  @Post('find')\n  find(@Body('email') email: any) { return this.userModel.findOne({ email }); }\n}", filename: 'file.ts', errors: [{ message: msg("@Body('email') email", 7, "POST /users/find", "userModel.findOne()"), line: 7 }] },
  ],
});
